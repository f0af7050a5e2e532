using Portico.Server.Cli;

return await PorticoCommandLine.RunAsync(args);

/// <summary>Entry point; public so integration tests can host the application with WebApplicationFactory.</summary>
public partial class Program;
