using System.Globalization;
using Portico.Crm.Contracts;
using Portico.Tenancy.Contracts;
using Portico.WorkOrders.Orders;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Portico.WorkOrders.Reports;

/// <summary>
/// Draws a work order or its invoice on A4 pages: the workshop, the order's number, status and dates, the client and
/// the car, the service lines (labour, discount, VAT rate, VAT, gross), the parts, the stage chain (work order only)
/// and the totals, in the tenant's language and time zone. Declined lines and their parts are left out, as the totals
/// leave them out. Long names are cut to their column; tables continue on the next page with their header.
/// </summary>
internal sealed class WorkOrderPdf : IDisposable
{
    public const string WorkOrderKind = "work-order";
    public const string InvoiceKind = "invoice";

    private const double Margin = 40;
    private const double RowHeight = 15;
    private const double LabelWidth = 90;

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private static readonly XBrush Grey = new XSolidBrush(XColor.FromArgb(110, 110, 110));
    private static readonly XPen Rule = new(XColor.FromArgb(200, 200, 200), 0.5);

    // Made after the font resolver is installed (an XFont resolves its face when made).
    private readonly XFont _text = new(PdfFonts.Family, 9, XFontStyleEx.Regular, Unicode);
    private readonly XFont _strong = new(PdfFonts.Family, 9, XFontStyleEx.Bold, Unicode);
    private readonly XFont _small = new(PdfFonts.Family, 7.5, XFontStyleEx.Regular, Unicode);
    private readonly XFont _heading = new(PdfFonts.Family, 11, XFontStyleEx.Bold, Unicode);
    private readonly XFont _titleFont = new(PdfFonts.Family, 16, XFontStyleEx.Bold, Unicode);
    private readonly PdfDocument _document = new();
    private readonly string _locale;
    private readonly CultureInfo _culture;
    private readonly TimeZoneInfo _zone;
    private readonly string _currency;
    private XGraphics _graphics = null!;
    private double _y;

    private WorkOrderPdf(TenantProfile tenant, string currency)
    {
        _locale = tenant.Locale;
        _culture = CultureInfo.GetCultureInfo(ReportTexts.IsRussian(tenant.Locale) ? "ru-RU" : "en-GB");
        _zone = TimeZoneInfo.TryFindSystemTimeZoneById(tenant.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
        _currency = currency;
    }

    private const double PageWidth = 595;
    private const double PageHeight = 842;
    private const double Width = PageWidth - (2 * Margin);
    private const double Bottom = PageHeight - Margin - 20;

    /// <summary>The PDF's bytes. A work order has at most 30 lines and 50 stages, so this stays a few pages.</summary>
    public static byte[] Render(
        string kind, TenantProfile tenant, WorkOrder order, IReadOnlyList<WorkOrderLine> lines, IReadOnlyList<WorkOrderStage> stages,
        IReadOnlyList<WorkOrderPart> parts, DateTimeOffset now)
    {
        PdfFonts.EnsureInstalled();
        using var pdf = new WorkOrderPdf(tenant, order.Currency);
        return pdf.Draw(kind, tenant, order, lines, stages, parts, now);
    }

    private byte[] Draw(
        string kind, TenantProfile tenant, WorkOrder order, IReadOnlyList<WorkOrderLine> lines, IReadOnlyList<WorkOrderStage> stages,
        IReadOnlyList<WorkOrderPart> parts, DateTimeOffset now)
    {
        var invoice = kind == InvoiceKind;
        var title = Say(invoice ? "Invoice No. {0}" : "Work order No. {0}", order.Number);
        _document.Info.Title = $"{tenant.Name}: {title}";
        _document.Info.Creator = "Portico";
        _document.Options.CompressContentStreams = true;
        NewPage();

        // The workshop and the title.
        Cell(tenant.Name, Margin, Width * 0.6, _heading, XStringAlignment.Near);
        Cell(Say("Printed {0}", Time(now)), Margin + (Width * 0.6), Width * 0.4, _small, XStringAlignment.Far, Grey);
        _y += 24;
        Cell(title, Margin, Width, _titleFont, XStringAlignment.Near);
        _y += 22;
        if (invoice)
        {
            Cell(Say("for work order No. {0}", order.Number), Margin, Width, _text, XStringAlignment.Near, Grey);
            _y += RowHeight;
        }

        // Who and what: the client and the car on the left, the status and dates on the right.
        var left = new List<(string, string?)>
        {
            (Say("Client"), order.ContactName), (Say("Phone"), order.ContactPhone), (Say("Email"), order.ContactEmail),
            (Say("Car"), order.VehicleLabel), (Say("Odometer"), order.Odometer?.ToString("N0", _culture)),
        };
        var right = new List<(string, string?)>
        {
            (Say("Status"), ReportTexts.Status(_locale, order.Status)), (Say("Created"), Time(order.CreatedAt)), (Say("Scheduled"), Time(order.ScheduledAt)),
            (Say("Promised"), Time(order.PromisedAt)), (Say("Delivered"), Time(order.DeliveredAt)),
        };
        var top = _y + 6;
        _y = top;
        Pairs(left.Where(p => !string.IsNullOrWhiteSpace(p.Item2)), Margin, (Width * 0.6) - 10);
        var leftEnd = _y;
        _y = top;
        Pairs(right.Where(p => !string.IsNullOrWhiteSpace(p.Item2)), Margin + (Width * 0.6), Width * 0.4);
        _y = Math.Max(leftEnd, _y);
        if (!invoice && !string.IsNullOrWhiteSpace(order.Complaint))
        {
            Pairs([(Say("Complaint"), order.Complaint)], Margin, Width);
        }

        var declined = lines.Where(l => l.Approval == Approvals.Declined).Select(l => l.Id).ToHashSet();
        var counted = lines.Where(l => !declined.Contains(l.Id)).OrderBy(l => l.Position).ToList();
        var countedParts = WorkOrderView.OrderParts(stages, parts.Where(p => p.LineId is not { } line || !declined.Contains(line))).ToList();

        if (counted.Count > 0)
        {
            Section(Say("Services"));
            Column[] columns =
            [
                new("№", 22, XStringAlignment.Near), new(Say("Service"), 203, XStringAlignment.Near), new(Say("Labour price"), 65, XStringAlignment.Far),
                new(Say("Discount"), 55, XStringAlignment.Far), new(Say("VAT %"), 50, XStringAlignment.Far), new(Say("VAT"), 55, XStringAlignment.Far),
                new(Say("Amount"), 65, XStringAlignment.Far),
            ];
            Table(columns, counted.Select((l, i) =>
            {
                var net = WorkOrderTotals.LineNet(l);
                var vat = WorkOrderTotals.VatOf(net, l.VatRate);
                return (string?[])[(i + 1).ToString(CultureInfo.InvariantCulture), Name(l.NameEn, l.NameRu), Money(l.LabourMinor), Money(l.DiscountMinor), Rate(l.VatRate), Money(vat), Money(net + vat)];
            }));
        }

        if (countedParts.Count > 0)
        {
            Section(Say("Parts"));
            Column[] columns =
            [
                new(Say("SKU"), 62, XStringAlignment.Near), new(Say("Name"), 163, XStringAlignment.Near), new(Say("Qty"), 55, XStringAlignment.Far),
                new(Say("Price"), 60, XStringAlignment.Far), new(Say("VAT %"), 50, XStringAlignment.Far), new(Say("VAT"), 55, XStringAlignment.Far),
                new(Say("Amount"), 70, XStringAlignment.Far),
            ];
            Table(columns, countedParts.Select(p =>
            {
                var net = WorkOrderTotals.PartNet(p);
                var vat = WorkOrderTotals.VatOf(net, p.VatRate);
                return (string?[])[p.Sku, p.Name, $"{(p.QuantityMilli / 1000m).ToString("0.###", _culture)} {p.Unit}", Money(p.UnitPriceMinor), Rate(p.VatRate), Money(vat), Money(net + vat)];
            }));
        }

        if (!invoice && stages.Count > 0)
        {
            Section(Say("Stages"));
            Column[] columns =
            [
                new("№", 22, XStringAlignment.Near), new(Say("Stage"), 283, XStringAlignment.Near), new(Say("Norm, min"), 70, XStringAlignment.Far),
                new(Say("Spent, min"), 70, XStringAlignment.Far), new(Say("Status"), 70, XStringAlignment.Far),
            ];
            Table(columns, stages.OrderBy(s => s.Position).Select((s, i) => (string?[])
            [
                (i + 1).ToString(CultureInfo.InvariantCulture), Name(s.NameEn, s.NameRu), s.ExpectedMinutes.ToString(CultureInfo.InvariantCulture),
                s.ActualMinutes?.ToString(CultureInfo.InvariantCulture), ReportTexts.Status(_locale, s.Status),
            ]));
        }

        Totals(order);
        if (!invoice && order.Status == WorkOrderStatuses.Delivered)
        {
            Ensure(RowHeight * 3);
            _y += RowHeight * 2;
            Cell(Say("Work done and accepted: ________________ (client)"), Margin, Width, _text, XStringAlignment.Near);
        }

        _graphics.Dispose();
        _graphics = null!;
        Footers();
        using var output = new MemoryStream();
        _document.Save(output, closeStream: false);
        return output.ToArray();
    }

    public void Dispose()
    {
        _graphics?.Dispose();
        _document.Dispose();
    }

    private void Totals(WorkOrder order)
    {
        Ensure((RowHeight * 6) + 10);
        _y += 10;
        var labelX = Margin + (Width * 0.45);
        (string Label, long Minor, XFont Font)[] rows =
        [
            (Say("Labour net"), order.LabourMinor, _text), (Say("Parts net"), order.PartsMinor, _text), (Say("Discount"), order.DiscountMinor, _text),
            (Say("VAT"), order.VatMinor, _text), (Say("Total to pay"), order.TotalMinor, _strong),
        ];
        foreach (var (label, minor, font) in rows)
        {
            if (font == _strong)
            {
                _graphics.DrawLine(Rule, labelX, _y, Margin + Width, _y);
                _y += 3;
            }

            Cell(label, labelX, Width * 0.35, font, XStringAlignment.Near);
            Cell($"{Money(minor)} {_currency}", labelX + (Width * 0.35), Width * 0.2, font, XStringAlignment.Far);
            _y += RowHeight;
        }

        Cell(Say("Amounts in {0}; labour and parts net of discounts and VAT.", _currency), Margin, Width, _small, XStringAlignment.Near, Grey);
        _y += RowHeight;
    }

    private sealed record Column(string Title, double Width, XStringAlignment Alignment);

    private void Table(Column[] columns, IEnumerable<string?[]> rows)
    {
        void Header()
        {
            var x = Margin;
            foreach (var column in columns)
            {
                Cell(column.Title, x, column.Width, _strong, column.Alignment);
                x += column.Width;
            }

            _y += RowHeight;
            _graphics.DrawLine(Rule, Margin, _y - 3, Margin + Width, _y - 3);
        }

        Ensure(RowHeight * 2);
        Header();
        foreach (var row in rows)
        {
            if (_y + RowHeight > Bottom)
            {
                NewPage();
                Header();
            }

            var x = Margin;
            for (var i = 0; i < columns.Length; i++)
            {
                Cell(row[i] ?? "", x, columns[i].Width, _text, columns[i].Alignment);
                x += columns[i].Width;
            }

            _y += RowHeight;
        }
    }

    private void Section(string title)
    {
        Ensure((RowHeight * 3) + 12);
        _y += 12;
        Cell(title, Margin, Width, _heading, XStringAlignment.Near);
        _y += RowHeight + 4;
    }

    private void Pairs(IEnumerable<(string Label, string? Value)> pairs, double x, double width)
    {
        foreach (var (label, value) in pairs)
        {
            Ensure(RowHeight);
            Cell(label, x, LabelWidth, _text, XStringAlignment.Near, Grey);
            Cell(value ?? "", x + LabelWidth, width - LabelWidth, _strong, XStringAlignment.Near);
            _y += RowHeight;
        }
    }

    /// <summary>Text in a box on the current line, cut with an ellipsis when it does not fit.</summary>
    private void Cell(string text, double x, double width, XFont font, XStringAlignment alignment, XBrush? brush = null)
    {
        var fitted = Fit(text.ReplaceLineEndings(" "), font, width - 4);
        var format = new XStringFormat { Alignment = alignment, LineAlignment = XLineAlignment.Near };
        _graphics.DrawString(fitted, font, brush ?? XBrushes.Black, new XRect(x + 2, _y, width - 4, RowHeight), format);
    }

    private string Fit(string text, XFont font, double width)
    {
        if (_graphics.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var low = 0;
        var high = text.Length;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (_graphics.MeasureString(text[..middle] + "…", font).Width <= width)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return text[..low].TrimEnd() + "…";
    }

    private void Ensure(double height)
    {
        if (_y + height > Bottom)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        _graphics = XGraphics.FromPdfPage(page);
        _y = Margin;
    }

    /// <summary>Page numbers, once the number of pages is known.</summary>
    private void Footers()
    {
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            using var graphics = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            var format = new XStringFormat { Alignment = XStringAlignment.Far, LineAlignment = XLineAlignment.Near };
            graphics.DrawString(
                Say("Page {0} of {1}", i + 1, count), _small, Grey, new XRect(Margin, PageHeight - Margin - 10, Width, RowHeight), format);
        }
    }

    private string Say(string english) => ReportTexts.Say(_locale, english);

    private string Say(string english, object? arg) => ReportTexts.Say(_locale, english, arg);

    private string Say(string english, object? first, object? second) =>
        string.Format(CultureInfo.InvariantCulture, ReportTexts.Say(_locale, english), first, second);

    private string Name(string? en, string? ru) => (ReportTexts.IsRussian(_locale) ? ru ?? en : en ?? ru) ?? "";

    /// <summary>An amount with the currency's decimals, digits grouped by plain spaces (the font has them; some cultures use narrow ones).</summary>
    private string Money(long minor)
    {
        var digits = MinorUnits.Digits(_currency);
        var value = minor / (decimal)Math.Pow(10, digits);
        return value.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), _culture).Replace('\u00A0', ' ').Replace('\u202F', ' ');
    }

    private string Rate(decimal rate) => rate.ToString("0.##", _culture) + " %";

    private string? Time(DateTimeOffset? at) => at is { } value
        ? TimeZoneInfo.ConvertTime(value, _zone).ToString(ReportTexts.IsRussian(_locale) ? "dd.MM.yyyy HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
        : null;
}
