using Portico.Kernel.Files;

namespace Portico.Kernel.Spreadsheets;

/// <summary>
/// Refuses a CSV row longer than <see cref="ImportLimits.MaxCsvRowChars"/> before the CSV reader buffers it: counts
/// characters since the last line break outside double quotes.
/// </summary>
public sealed class CsvRowGuard(TextReader inner) : TextReader
{
    private bool _quoted;
    private int _rowChars;

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var c = inner.Read();
        if (c >= 0)
        {
            Count([(char)c]);
        }

        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var read = inner.Read(buffer);
        Count(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Count(buffer.Span[..read]);
        return read;
    }

    private void Count(ReadOnlySpan<char> chars)
    {
        foreach (var c in chars)
        {
            if (c == '"')
            {
                _quoted = !_quoted;
            }
            else if (c == '\n' && !_quoted)
            {
                _rowChars = 0;
                continue;
            }

            if (++_rowChars > ImportLimits.MaxCsvRowChars)
            {
                throw new FileTooLargeException($"A row of the file is longer than {ImportLimits.MaxCsvRowChars / 1024 / 1024} M characters.");
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
