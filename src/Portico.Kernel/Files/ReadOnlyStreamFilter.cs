namespace Portico.Kernel.Files;

/// <summary>
/// A forward-only, read-only stream over another that looks at each chunk read (<see cref="Inspect"/>): the
/// plumbing the archive and workbook guards share, so each states only what it checks.
/// </summary>
internal abstract class ReadOnlyStreamFilter(Stream inner) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        _read += read;
        Inspect(buffer[..read], _read);
        return read;
    }

    /// <summary>Sees each chunk as it is read (<paramref name="total"/>: bytes read so far); throws to stop the reader.</summary>
    protected abstract void Inspect(ReadOnlySpan<byte> chunk, long total);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
