using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using MiniExcelLibs;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Portico.Kernel.Errors;
using nietras.SeparatedValues;

namespace Portico.Kernel.Spreadsheets;

/// <summary>
/// A list written to the response as it is read: CSV row by row (UTF-8 with a byte order mark, so Excel shows
/// Cyrillic), or XLSX through MiniExcel's streaming writer. Nothing holds more than one chunk of rows.
/// </summary>
public sealed class ExportFile(string format, string fileName, char delimiter, IReadOnlyList<string> headers, IAsyncEnumerable<object?[]> rows) : IResult
{
    public const string Csv = "csv";
    public const string Xlsx = "xlsx";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public string FileName => fileName;

    public string ContentType => format == Xlsx ? XlsxContentType : "text/csv; charset=utf-8";

    /// <summary>Writes the file to <paramref name="body"/> (the console hands it to the browser itself).</summary>
    public Task WriteToAsync(Stream body, CancellationToken cancellationToken) =>
        format == Xlsx ? WriteXlsxAsync(body, cancellationToken) : WriteCsvAsync(body, cancellationToken);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.CacheControl = "no-store";
        response.ContentType = format == Xlsx ? XlsxContentType : "text/csv; charset=utf-8";
        var cancellationToken = httpContext.RequestAborted;
        if (format == Xlsx)
        {
            await WriteXlsxAsync(response.Body, cancellationToken);
        }
        else
        {
            await WriteCsvAsync(response.Body, cancellationToken);
        }
    }

    private async Task WriteCsvAsync(Stream body, CancellationToken cancellationToken)
    {
        await using var text = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await using (var writer = Sep.New(delimiter).Writer(o => o with { WriteHeader = false, Escape = true, CultureInfo = CultureInfo.InvariantCulture }).To(text))
        {
            await WriteRowAsync(writer, headers.Cast<object?>().ToArray());
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                await WriteRowAsync(writer, row);
            }

            await writer.FlushAsync(cancellationToken);
        }

        await text.FlushAsync(cancellationToken);
    }

    private static async ValueTask WriteRowAsync(SepWriter writer, object?[] values)
    {
        await using var row = writer.NewRow();
        for (var i = 0; i < values.Length; i++)
        {
            row[i].Set(CsvText(values[i]));
        }
    }

    private static string CsvText(object? value) => value switch
    {
        null => "",
        string s => Inert(s),
        bool b => b ? "true" : "false",
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// Text a spreadsheet would run as a formula (<c>=HYPERLINK(…)</c>, <c>@SUM(…)</c>, <c>-2+3</c>) gets a leading apostrophe,
    /// which Excel shows as plain text. Phone numbers (<c>+7 999 …</c>) and plain numbers stay as they are.
    /// </summary>
    private static string Inert(string text) =>
        text.Length > 0 && (text[0] is '=' or '@' or '\t' or '\r' || (text[0] is '+' or '-' && !text.Skip(1).All(c => char.IsAsciiDigit(c) || c is ' ' or '(' or ')' or '-' or '.')))
            ? "'" + text
            : text;

    private async Task WriteXlsxAsync(Stream body, CancellationToken cancellationToken)
    {
        // The header is the first row of values (not MiniExcel's own header), so an empty list still names its columns.
        var keys = headers.Select((_, i) => ImportFiles.ColumnLetters(i)).ToArray();
        var stream = new AsyncOnlyStream(body);
        await MiniExcel.SaveAsAsync(stream, SheetRowsAsync(keys, cancellationToken), printHeader: false, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    private async IAsyncEnumerable<Dictionary<string, object?>> SheetRowsAsync(string[] keys, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return Sheet(keys, headers.Cast<object?>().ToArray());
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return Sheet(keys, row);
        }
    }

    private static Dictionary<string, object?> Sheet(string[] keys, object?[] values)
    {
        var cells = new Dictionary<string, object?>(keys.Length, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            cells[keys[i]] = i < values.Length ? XlsxValue(values[i]) : null;
        }

        return cells;
    }

    private static object? XlsxValue(object? value) => value switch
    {
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        Guid g => g.ToString(),
        _ => value,
    };

    /// <summary>The delimiter asked for (<c>,</c> <c>;</c> or <c>tab</c>), else the one Excel expects in the tenant's language (a semicolon in Russian).</summary>
    public static char DelimiterOf(string? requested, string locale) => requested?.Trim().ToLowerInvariant() switch
    {
        "," or "comma" => ',',
        ";" or "semicolon" => ';',
        "tab" or "\t" => '\t',
        null or "" => locale.StartsWith("ru", StringComparison.Ordinal) ? ';' : ',',
        _ => throw new BadRequestException("delimiter takes comma, semicolon or tab.", "invalid-delimiter"),
    };

    public static string FormatOf(string? requested) => requested?.Trim().ToLowerInvariant() switch
    {
        null or "" or Csv => Csv,
        Xlsx => Xlsx,
        _ => throw new BadRequestException("format takes csv or xlsx.", "invalid-format"),
    };
}

/// <summary>
/// Passes asynchronous writes through and keeps synchronous ones (a zip archive writes its small central directory
/// synchronously when it closes) until the next asynchronous write or flush: the server allows no synchronous I/O.
/// </summary>
public sealed class AsyncOnlyStream(Stream inner) : Stream
{
    private readonly ArrayBufferWriter<byte> _pending = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await DrainAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush()
    {
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await DrainAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (_pending.WrittenCount > 0)
        {
            await inner.WriteAsync(_pending.WrittenMemory, cancellationToken);
            _pending.ResetWrittenCount();
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
