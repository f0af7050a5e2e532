using System.Globalization;
using Portico.Bench;

// Decimal points and dates in the report and the log never depend on the machine's locale.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

var options = BenchOptions.Parse(args, out var error);
if (options is null)
{
    if (string.IsNullOrEmpty(error))
    {
        Console.WriteLine(BenchOptions.Usage);
        return 0;
    }

    await Console.Error.WriteLineAsync($"portico-bench: {error} Run with --help for the options.");
    return 1;
}

try
{
    // With --baseline, the scenario runs against both builds and the report compares them figure by figure.
    var markdown = options.Baseline is null ? (await Compare.RunOneAsync(options)).Markdown : await Compare.RunAsync(options);
    Console.Out.Write(markdown);
    if (options.Out is { } path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllTextAsync(path, markdown);
        await Console.Error.WriteLineAsync($"portico-bench: report written to {path}");
    }

    return 0;
}
catch (BenchException ex)
{
    await Console.Error.WriteLineAsync($"portico-bench: {ex.Message}");
    return 2;
}
