using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Unicode;

namespace Portico.Bench;

/// <summary>
/// One sender's keep-alive HTTP/1.1 connection for webhook POSTs, written straight on a socket: the request is built
/// into one reused buffer (headers and body, as Telegram's own sender writes them) and the answer read up to its
/// status and <c>Content-Length</c> body. The telegram scenario's load generator shares the server's 2 cores, and
/// <see cref="HttpClient"/> cost it 0.034 ms of CPU per update at 3 900 updates/s (0.065 to 0.072 ms in earlier
/// runs: a request message, header and content objects, a pooled connection's bookkeeping); this costs about
/// 0.025 ms at 6 700/s, CPU the server and PostgreSQL get instead. A failure closes the connection (the next POST opens
/// a new one), as HttpClient does; only a 200 counts as acknowledged.
/// </summary>
internal sealed class WebhookConnection(Uri server, TimeSpan timeout) : IDisposable
{
    private readonly byte[] _request = new byte[8192];
    private readonly byte[] _body = new byte[4096];
    private readonly byte[] _response = new byte[16384];
    private CancellationTokenSource _current = new();
    private Socket? _socket;

    /// <summary>Where the caller writes the next request's body before <see cref="PostAsync"/>.</summary>
    public Span<byte> Body => _body;

    /// <summary>POSTs the first <paramref name="bodyLength"/> bytes of <see cref="Body"/> (JSON) to <paramref name="path"/>; null on a 200, else the failure's kind (as the HttpClient path named them).</summary>
    public async Task<string?> PostAsync(string path, string secret, int bodyLength)
    {
        if (!Utf8.TryWrite(_request, CultureInfo.InvariantCulture,
                $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\nContent-Length: {bodyLength}\r\nX-Telegram-Bot-Api-Secret-Token: {secret}\r\nUser-Agent: portico-bench\r\n\r\n",
                out var length)
            || length + bodyLength > _request.Length)
        {
            throw new InvalidOperationException("A webhook request larger than the sender's buffer.");
        }

        _body.AsSpan(0, bodyLength).CopyTo(_request.AsSpan(length));
        length += bodyLength;
        if (!_current.TryReset())
        {
            _current.Dispose();
            _current = new CancellationTokenSource();
        }

        _current.CancelAfter(timeout);
        var token = _current.Token;
        try
        {
            if (_socket is null)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(server.Host), server.Port), token);
                }
                catch (SocketException)
                {
                    socket.Dispose();
                    return "ConnectionError";
                }

                _socket = socket;
            }

            var sent = 0;
            while (sent < length)
            {
                sent += await _socket.SendAsync(_request.AsMemory(sent, length - sent), SocketFlags.None, token);
            }

            return await ReadAnswerAsync(_socket, token);
        }
        catch (OperationCanceledException)
        {
            Close();
            return "timeout";
        }
        catch (SocketException ex)
        {
            Close();
            return ex.SocketErrorCode.ToString();
        }
        catch (IOException)
        {
            Close();
            return "IOError";
        }
    }

    /// <summary>Reads one answer: null for a 200 (the connection stays open), the failure's kind otherwise (the connection is closed).</summary>
    private async Task<string?> ReadAnswerAsync(Socket socket, CancellationToken token)
    {
        var filled = 0;
        while (true)
        {
            var read = await socket.ReceiveAsync(_response.AsMemory(filled), SocketFlags.None, token);
            if (read == 0)
            {
                Close();
                return "ResponseEnded";
            }

            filled += read;
            var headEnd = _response.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            if (headEnd < 0)
            {
                if (filled == _response.Length)
                {
                    Close();
                    return "InvalidResponse";
                }

                continue;
            }

            var head = _response.AsSpan(0, headEnd);
            if (head.Length < 12 || !head.StartsWith("HTTP/1.1 "u8) || !Utf8Parser.TryParse(head.Slice(9, 3), out int status, out _))
            {
                Close();
                return "InvalidResponse";
            }

            var contentLength = ContentLength(head);
            if (status != 200 || contentLength is null || Contains(head, "\r\nconnection: close"u8))
            {
                // Anything but a plain 200 (a problem's body may be chunked): not kept alive.
                Close();
                return status == 200 ? null : $"HTTP {status}";
            }

            // The body of a 200 is empty; one that is not is read to its end so the next answer starts clean.
            var remaining = headEnd + 4 + contentLength.Value - filled;
            while (remaining > 0)
            {
                var more = await socket.ReceiveAsync(_response.AsMemory(0, Math.Min(remaining, _response.Length)), SocketFlags.None, token);
                if (more == 0)
                {
                    Close();
                    return "ResponseEnded";
                }

                remaining -= more;
            }

            return null;
        }
    }

    private static int? ContentLength(ReadOnlySpan<byte> head)
    {
        var at = IndexOfIgnoreCase(head, "\r\ncontent-length:"u8);
        if (at < 0)
        {
            return null;
        }

        var value = head[(at + 17)..];
        var end = value.IndexOf("\r\n"u8);
        value = (end < 0 ? value : value[..end]).Trim(" "u8);
        return Utf8Parser.TryParse(value, out int length, out var consumed) && consumed == value.Length ? length : null;
    }

    private static bool Contains(ReadOnlySpan<byte> head, ReadOnlySpan<byte> lowerCase) => IndexOfIgnoreCase(head, lowerCase) >= 0;

    /// <summary>ASCII case-insensitive search for a lower-case header prefix.</summary>
    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerCase)
    {
        for (var i = 0; i + lowerCase.Length <= text.Length; i++)
        {
            var match = true;
            for (var j = 0; j < lowerCase.Length && match; j++)
            {
                var c = text[i + j];
                match = (c is >= (byte)'A' and <= (byte)'Z' ? (byte)(c | 0x20) : c) == lowerCase[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }

    private void Close()
    {
        _socket?.Dispose();
        _socket = null;
    }

    public void Dispose()
    {
        Close();
        _current.Dispose();
    }
}
