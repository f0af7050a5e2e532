using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Portico.Inventory.Items;
using Portico.Kernel.Files;
using Portico.Kernel.Spreadsheets;
using Portico.Kernel.Tenancy;

namespace Portico.Inventory.Imports;

/// <summary>
/// Imports items from a CSV or XLSX file (multipart field <c>file</c>) with the CRM import's reader (formats told from
/// the first bytes, Windows-1251 and UTF-16 CSV converted, workbooks checked before they are opened). Headers in
/// Russian or English name the columns; rows upsert by SKU; each bad row is reported and skipped. Bounded: at most
/// <see cref="MaxBytes"/> and <see cref="MaxRows"/> rows, answered at once.
/// </summary>
internal static class ImportItems
{
    public const long MaxBytes = 5 * 1024 * 1024;

    public const int MaxRows = 5_000;

    public const int MaxErrors = 200;

    private const long MultipartOverhead = 64 * 1024;

    internal sealed record RowError(int Row, string? Field, string Message);

    internal sealed record ImportReport(int Rows, int Created, int Updated, int Failed, IReadOnlyList<RowError> Errors);

    /// <summary>The columns and the headers (letters and digits only, lowercased) that name them.</summary>
    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["артикул"] = "sku", ["sku"] = "sku", ["код"] = "sku", ["article"] = "sku",
        ["наименование"] = "name", ["название"] = "name", ["name"] = "name", ["товар"] = "name",
        ["едизм"] = "unit", ["единицаизмерения"] = "unit", ["единица"] = "unit", ["unit"] = "unit", ["uom"] = "unit",
        ["категория"] = "category", ["группа"] = "category", ["category"] = "category",
        ["себестоимость"] = "cost", ["закупочнаяцена"] = "cost", ["cost"] = "cost", ["costprice"] = "cost",
        ["цена"] = "price", ["ценапродажи"] = "price", ["price"] = "price", ["saleprice"] = "price",
        ["ндс"] = "vat", ["ставкандс"] = "vat", ["vat"] = "vat", ["vatrate"] = "vat",
        ["штрихкод"] = "barcode", ["штрихкод1"] = "barcode", ["barcode"] = "barcode", ["ean"] = "barcode",
        ["миностаток"] = "reorder", ["минимальныйостаток"] = "reorder", ["точказаказа"] = "reorder", ["reorderlevel"] = "reorder", ["minstock"] = "reorder",
        ["поставщик"] = "supplier", ["supplier"] = "supplier", ["vendor"] = "supplier",
    };

    private static readonly Dictionary<string, string> UnitNames = new(StringComparer.Ordinal)
    {
        ["шт"] = "pcs", ["штука"] = "pcs", ["pc"] = "pcs", ["pcs"] = "pcs", ["ea"] = "pcs",
        ["компл"] = "set", ["комплект"] = "set", ["кт"] = "set", ["набор"] = "set", ["set"] = "set",
        ["пара"] = "pair", ["пар"] = "pair", ["pair"] = "pair",
        ["л"] = "l", ["литр"] = "l", ["l"] = "l", ["мл"] = "ml", ["ml"] = "ml",
        ["кг"] = "kg", ["kg"] = "kg", ["г"] = "g", ["гр"] = "g", ["g"] = "g",
        ["м"] = "m", ["метр"] = "m", ["m"] = "m", ["см"] = "cm", ["cm"] = "cm", ["м2"] = "m2", ["m2"] = "m2",
        ["уп"] = "pack", ["упак"] = "pack", ["pack"] = "pack", ["рулон"] = "roll", ["roll"] = "roll", ["ч"] = "h", ["час"] = "h", ["h"] = "h",
    };

    [RequiresPermission(InventoryPermissions.Write)]
    internal sealed class Handler(InventoryDbContext db, ItemWriter writer)
    {
        /// <summary>Reads the file (up to <see cref="MaxBytes"/>) and upserts its rows by SKU.</summary>
        public async Task<ImportReport> HandleAsync(Stream content, string fileName, CancellationToken cancellationToken)
        {
            await using var file = await BufferAsync(content, fileName, cancellationToken);
            var (format, stream) = file;
            string[]? fields = null;
            var errors = new List<RowError>();
            int rows = 0, created = 0, updated = 0, failed = 0;
            var currency = await writer.CurrencyAsync(cancellationToken);
            await foreach (var row in ImportFiles.ReadAsync(stream, format, cancellationToken))
            {
                if (row.IsEmpty)
                {
                    continue;
                }

                if (fields is null)
                {
                    fields = [.. row.Cells.Select(c => Columns.GetValueOrDefault(Key(c), ""))];
                    if (!fields.Contains("sku") || !fields.Contains("name"))
                    {
                        throw new UnreadableImportFileException("The header row must name the SKU and name columns (Артикул and Наименование, or SKU and Name).");
                    }

                    continue;
                }

                if (++rows > MaxRows)
                {
                    throw new FileTooLargeException($"at most {MaxRows:N0} rows per item import");
                }

                var cells = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < fields.Length && i < row.Cells.Length; i++)
                {
                    if (fields[i].Length > 0 && !cells.ContainsKey(fields[i]))
                    {
                        cells[fields[i]] = row.Cells[i];
                    }
                }

                try
                {
                    var input = Input(cells);
                    var key = input.Sku?.Trim().ToUpperInvariant() ?? "";
                    var item = key.Length == 0 ? null : await db.Items.FirstOrDefaultAsync(i => i.SkuKey == key, cancellationToken);
                    var isNew = item is null;
                    item ??= new Item { Currency = currency };
                    var rules = new Rules();
                    if (isNew)
                    {
                        rules.Required(input.Sku, "sku").Required(input.Name, "name");
                    }

                    await writer.ApplyAsync(item, input, rules, cancellationToken);
                    if (isNew)
                    {
                        db.Items.Add(item);
                    }

                    await db.SaveChangesAsync(cancellationToken);
                    _ = isNew ? created++ : updated++;
                }
                catch (ValidationException invalid)
                {
                    failed++;
                    db.ChangeTracker.Clear();
                    foreach (var (field, messages) in invalid.Errors)
                    {
                        foreach (var message in messages)
                        {
                            Add(errors, new RowError(row.Number, Header(field), message));
                        }
                    }
                }
                catch (ConflictException conflict)
                {
                    failed++;
                    db.ChangeTracker.Clear();
                    Add(errors, new RowError(row.Number, "sku", conflict.Message));
                }
            }

            return fields is null
                ? throw new UnreadableImportFileException("The file has no header row: the first row must name the columns.")
                : new ImportReport(rows, created, updated, failed, errors);
        }

        private static void Add(List<RowError> errors, RowError error)
        {
            if (errors.Count < MaxErrors)
            {
                errors.Add(error);
            }
        }
    }

    /// <summary>A header or unit as compared: lowercased letters and digits only ("Ед. изм." is «едизм»).</summary>
    private static string Key(string text) => new([.. text.ToLowerInvariant().Replace('ё', 'е').Where(char.IsLetterOrDigit)]);

    private static string? Header(string field) => field switch
    {
        "vatRate" => "vat",
        "reorderLevel" => "reorder",
        _ => field,
    };

    private static ItemInput Input(Dictionary<string, string> cells)
    {
        string? Text(string field) => cells.TryGetValue(field, out var value) && value.Length > 0 ? value : null;
        var rules = new Rules();
        var unit = Text("unit") is { } u ? UnitNames.GetValueOrDefault(Key(u), u.Trim().ToLowerInvariant()) : null;
        var vat = Text("vat") is { } v ? Number(v.Replace("%", "", StringComparison.Ordinal), rules, "vatRate") : null;
        if (Text("vat") is { } noVat && Key(noVat) is "безндс" or "нет" or "none")
        {
            vat = 0;
            rules = new Rules();
        }

        rules.Check(vat is null || vat == decimal.Truncate(vat.Value), "vatRate", "must be a whole percentage.");
        var reorder = Text("reorder") is { } r ? Number(r, rules, "reorderLevel") : null;
        rules.ThrowIfInvalid();
        return new ItemInput(
            Text("sku"), Text("name"), unit, Text("category"), Money(Text("cost")), Money(Text("price")),
            vat is { } rate && Math.Abs(rate) <= 1000 ? (int)rate : vat is null ? null : -1, Text("barcode"), reorder, Text("supplier"));
    }

    /// <summary>A number as a spreadsheet may write it: spaces as group separators, a comma as the decimal point.</summary>
    private static decimal? Number(string text, Rules rules, string field)
    {
        var clean = new string([.. text.Where(c => !char.IsWhiteSpace(c))]).Replace(',', '.');
        if (decimal.TryParse(clean, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        rules.Check(false, field, $"'{(text.Length > 50 ? text[..50] : text)}' is not a number.");
        return null;
    }

    private static string? Money(string? text) => text is null ? null : new string([.. text.Where(c => !char.IsWhiteSpace(c) && c != '₽')]).Replace(',', '.');

    /// <summary>The upload, format told from its first bytes, converted to UTF-8 when needed, held in memory (it is at most <see cref="MaxBytes"/>).</summary>
    private static async Task<BufferedFile> BufferAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var prefix = ArrayPool<byte>.Shared.Rent(ImportFiles.SniffLength);
        try
        {
            var read = await content.ReadAtLeastAsync(prefix.AsMemory(0, ImportFiles.SniffLength), ImportFiles.SniffLength, throwOnEndOfStream: false, cancellationToken);
            if (read == 0)
            {
                throw ValidationException.For("file", "must not be empty.");
            }

            var (format, encoding) = ImportFiles.Detect(prefix.AsSpan(0, read), complete: read < ImportFiles.SniffLength, fileName);
            Stream source = new PrefixedStream(prefix.AsMemory(0, read), content);
            if (encoding is not null)
            {
                source = Encoding.CreateTranscodingStream(source, encoding, Encoding.UTF8, leaveOpen: true);
            }

            var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int n;
            while ((n = await source.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + n > MaxBytes * 2)
                {
                    throw new FileTooLargeException($"{MaxBytes / 1024 / 1024} MB per item import");
                }

                buffer.Write(chunk, 0, n);
            }

            buffer.Position = 0;
            return new BufferedFile(format, buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(prefix);
        }
    }

    private sealed record BufferedFile(string Format, MemoryStream Stream) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Stream.DisposeAsync();
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/inventory/imports", async Task<Ok<ImportReport>> (HttpContext http, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await ReceiveAsync(http, handler, ct)))
        .WithMetadata(new ItemImportBodyLimit(MaxBytes + MultipartOverhead))
        .AcceptsMultipart("file")
        .WithName("ImportInventoryItems")
        .WithSummary("Import items from a CSV or XLSX file (multipart 'file'; headers in Russian — Артикул, Наименование, Ед. изм., Категория, Себестоимость, Цена, НДС, Штрихкод, Мин. остаток, Поставщик — or English); upserts by SKU and reports row errors");

    private static async Task<ImportReport> ReceiveAsync(HttpContext http, Handler handler, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes + MultipartOverhead;
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedImportFileException("Send the file as multipart/form-data, in a field named 'file'.");
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            throw new BadRequestException("The multipart boundary is missing or too long.", "invalid-multipart");
        }

        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = 16 * 1024, BodyLengthLimit = null };
            for (var section = await reader.ReadNextSectionAsync(ct); section is not null; section = await reader.ReadNextSectionAsync(ct))
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                    && HeaderUtilities.RemoveQuotes(disposition.Name).Value == "file")
                {
                    var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    return await handler.HandleAsync(section.Body, string.IsNullOrWhiteSpace(name) ? "import" : Path.GetFileName(name.Replace('\\', '/')), ct);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException || ex is IOException and not BadHttpRequestException)
        {
            throw new BadRequestException("The multipart body is malformed: " + ex.Message, "invalid-multipart");
        }

        throw ValidationException.For("file", "is required: send the CSV or XLSX file in a multipart field named 'file'.");
    }
}

/// <summary>Marks the import endpoint as taking bodies up to <see cref="ImportItems.MaxBytes"/> rather than the API's general limit.</summary>
internal sealed record ItemImportBodyLimit(long? MaxRequestBodySize) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata;
