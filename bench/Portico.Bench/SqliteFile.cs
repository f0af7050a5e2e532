using System.Reflection;
using System.Runtime.InteropServices;

namespace Portico.Bench;

/// <summary>
/// A SQLite database file opened through the few C functions the list scenario's seed needs, from the
/// <c>e_sqlite3</c> library the published server ships (the very SQLite build the server runs, FTS5 included):
/// the benchmark references no SQLite package. Not thread-safe; one statement at a time is all the seed does.
/// </summary>
internal sealed partial class SqliteFile : IDisposable
{
    private const string Library = "e_sqlite3";
    private const int SqliteOk = 0;
    private const int SqliteRow = 100;
    private const int SqliteDone = 101;
    private const int OpenReadWrite = 0x2;
    private const int ColumnInteger = 1;
    private const int ColumnFloat = 2;
    private const int ColumnText = 3;
    private const int ColumnBlob = 4;

    /// <summary>SQLITE_TRANSIENT: SQLite copies a bound value before the call returns.</summary>
    private static readonly IntPtr Transient = new(-1);

    private static readonly Lock ResolverLock = new();
    private static string? _serverDirectory;

    private IntPtr _db;

    private SqliteFile(IntPtr db) => _db = db;

    /// <summary>
    /// Opens an existing database file read-write with the SQLite library next to <paramref name="serverDll"/>
    /// (<c>runtimes/&lt;rid&gt;/native/libe_sqlite3.so</c>), or the system's libsqlite3 when the server has none.
    /// </summary>
    public static SqliteFile Open(string path, string serverDll)
    {
        lock (ResolverLock)
        {
            // A resolver can be set once per assembly: the first server's library serves every later file.
            if (_serverDirectory is null)
            {
                _serverDirectory = Path.GetDirectoryName(serverDll)!;
                NativeLibrary.SetDllImportResolver(typeof(SqliteFile).Assembly, Resolve);
            }
        }

        if (!File.Exists(path))
        {
            throw new BenchException($"SQLite file {path} does not exist.");
        }

        var rc = NativeOpen(path, out var db, OpenReadWrite, IntPtr.Zero);
        var file = new SqliteFile(db);
        if (rc != SqliteOk)
        {
            var message = db == IntPtr.Zero ? $"code {rc}" : file.Error();
            file.Dispose();
            throw new BenchException($"Could not open {path}: {message}");
        }

        _ = NativeBusyTimeout(db, 10_000); // cannot fail on an open connection
        return file;
    }

    public void Execute(string sql)
    {
        using var statement = Prepare(sql);
        while (statement.Step())
        {
        }
    }

    /// <summary>The first column of the first row as text (numbers converted), or null.</summary>
    public string? Scalar(string sql)
    {
        using var statement = Prepare(sql);
        return statement.Step() ? statement.Text(0) : null;
    }

    public Statement Prepare(string sql)
    {
        if (NativePrepare(_db, sql, -1, out var handle, IntPtr.Zero) != SqliteOk)
        {
            throw new BenchException($"SQLite could not prepare '{(sql.Length > 200 ? sql[..200] + "..." : sql)}': {Error()}");
        }

        return new Statement(this, handle, sql);
    }

    public void Dispose()
    {
        if (_db != IntPtr.Zero)
        {
            _ = NativeClose(_db); // close_v2 defers the close until every statement is finalized
            _db = IntPtr.Zero;
        }
    }

    private string Error() => Marshal.PtrToStringUTF8(NativeErrorMessage(_db)) ?? "unknown error";

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        var os = OperatingSystem.IsMacOS() ? "osx" : OperatingSystem.IsWindows() ? "win" : "linux";
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        var file = OperatingSystem.IsMacOS() ? "libe_sqlite3.dylib" : OperatingSystem.IsWindows() ? "e_sqlite3.dll" : "libe_sqlite3.so";
        foreach (var candidate in (string[])[Path.Combine(_serverDirectory!, "runtimes", $"{os}-{arch}", "native", file), Path.Combine(_serverDirectory!, file)])
        {
            if (File.Exists(candidate))
            {
                return NativeLibrary.Load(candidate);
            }
        }

        return NativeLibrary.TryLoad("libsqlite3.so.0", out var system) ? system : IntPtr.Zero;
    }

    /// <summary>A prepared statement: bind (1-based), step, reset, and read columns (0-based).</summary>
    internal sealed class Statement(SqliteFile file, IntPtr handle, string sql) : IDisposable
    {
        private IntPtr _handle = handle;

        /// <summary>One step: true when it produced a row, false when it is done.</summary>
        public bool Step()
        {
            var rc = NativeStep(_handle);
            return rc switch
            {
                SqliteRow => true,
                SqliteDone => false,
                _ => throw new BenchException($"SQLite failed on '{(sql.Length > 200 ? sql[..200] + "..." : sql)}': {file.Error()}"),
            };
        }

        /// <summary>Ready for the next set of values (bindings are all overwritten by the caller).</summary>
        public void Reset() => _ = NativeReset(_handle); // a failed step already threw

        public void BindText(int index, string? value) => Check(value is null ? NativeBindNull(_handle, index) : NativeBindText(_handle, index, value, -1, Transient));

        public void BindInt64(int index, long? value) => Check(value is { } v ? NativeBindInt64(_handle, index, v) : NativeBindNull(_handle, index));

        public void BindDouble(int index, double value) => Check(NativeBindDouble(_handle, index, value));

        public void BindBlob(int index, byte[]? value) => Check(value is null ? NativeBindNull(_handle, index) : NativeBindBlob(_handle, index, value, value.Length, Transient));

        /// <summary>The storage class of a column of the current row: integer, real, text, blob or null.</summary>
        public string Type(int column) => NativeColumnType(_handle, column) switch
        {
            ColumnInteger => "integer",
            ColumnFloat => "real",
            ColumnText => "text",
            ColumnBlob => "blob",
            _ => "null",
        };

        public string? Text(int column) => Marshal.PtrToStringUTF8(NativeColumnText(_handle, column));

        public long Int64(int column) => NativeColumnInt64(_handle, column);

        public byte[] Blob(int column)
        {
            var pointer = NativeColumnBlob(_handle, column);
            var bytes = new byte[NativeColumnBytes(_handle, column)];
            if (bytes.Length > 0)
            {
                Marshal.Copy(pointer, bytes, 0, bytes.Length);
            }

            return bytes;
        }

        public void Dispose()
        {
            if (_handle != IntPtr.Zero)
            {
                _ = NativeFinalize(_handle); // reports the last step's error, which already threw
                _handle = IntPtr.Zero;
            }
        }

        private void Check(int rc)
        {
            if (rc != SqliteOk)
            {
                throw new BenchException($"SQLite could not bind a value for '{(sql.Length > 200 ? sql[..200] + "..." : sql)}': {file.Error()}");
            }
        }
    }

    [LibraryImport(Library, EntryPoint = "sqlite3_open_v2", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeOpen(string filename, out IntPtr db, int flags, IntPtr vfs);

    [LibraryImport(Library, EntryPoint = "sqlite3_close_v2")]
    private static partial int NativeClose(IntPtr db);

    [LibraryImport(Library, EntryPoint = "sqlite3_busy_timeout")]
    private static partial int NativeBusyTimeout(IntPtr db, int milliseconds);

    [LibraryImport(Library, EntryPoint = "sqlite3_errmsg")]
    private static partial IntPtr NativeErrorMessage(IntPtr db);

    [LibraryImport(Library, EntryPoint = "sqlite3_prepare_v2", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativePrepare(IntPtr db, string sql, int bytes, out IntPtr statement, IntPtr tail);

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    private static partial int NativeStep(IntPtr statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
    private static partial int NativeReset(IntPtr statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_finalize")]
    private static partial int NativeFinalize(IntPtr statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeBindText(IntPtr statement, int index, string value, int bytes, IntPtr destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_blob")]
    private static partial int NativeBindBlob(IntPtr statement, int index, byte[] value, int bytes, IntPtr destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    private static partial int NativeBindInt64(IntPtr statement, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_double")]
    private static partial int NativeBindDouble(IntPtr statement, int index, double value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
    private static partial int NativeBindNull(IntPtr statement, int index);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
    private static partial int NativeColumnType(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_text")]
    private static partial IntPtr NativeColumnText(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    private static partial long NativeColumnInt64(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_blob")]
    private static partial IntPtr NativeColumnBlob(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    private static partial int NativeColumnBytes(IntPtr statement, int column);
}
