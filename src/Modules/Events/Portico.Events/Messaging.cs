using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portico.Data;
using Portico.Data.Events;
using Portico.Kernel.Events;
using Wolverine;
using Wolverine.EntityFrameworkCore;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;
using Wolverine.RabbitMQ;
using Wolverine.Sqlite;

namespace Portico.Events;

/// <summary>Settings of the message bus, under <c>Portico:Messaging</c>.</summary>
internal sealed class MessagingOptions
{
    public const string Section = "Portico:Messaging";

    /// <summary>Attempts among the retry delays (<see cref="QueueRetries"/>) made in place before later ones are scheduled.</summary>
    public int InPlaceRetries { get; set; } = 2;

    /// <summary>How often scheduled messages (reminders, retries) are looked for.</summary>
    public TimeSpan ScheduledPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// <c>amqp://user:pass@host:5672/vhost</c>: integration events then travel through RabbitMQ, so every
    /// instance of a scaled-out deployment shares the work. Empty: durable queues inside the database.
    /// </summary>
    public string? RabbitMqUri { get; set; }

    /// <summary>Solo (one instance; recovers everything at start) or Balanced (several instances elect a leader). Balanced is implied by RabbitMQ.</summary>
    public DurabilityMode? Mode { get; set; }
}

/// <summary>
/// Wolverine as the backbone: an envelope store in the application's database (SQLite or PostgreSQL),
/// the EF Core outbox, one durable local queue per handler class, retries with backoff then dead
/// letters, scheduled messages; RabbitMQ by configuration alone.
/// </summary>
internal static class Messaging
{
    public static IServiceCollection AddPorticoMessaging(this IServiceCollection services, IConfiguration configuration, IReadOnlyCollection<Assembly> moduleAssemblies)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        database.ConnectionString = configuration.GetConnectionString("Portico") ?? database.ConnectionString;
        var options = configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();

        services.AddSingleton(new EventCatalog(moduleAssemblies));
        services.AddScoped<Outbox>();

        // Integration events: the event log and its readers (ADR 0007), beside the bus rather than through it.
        services.AddSingleton<EventLogSignal>();
        services.AddOptions<EventLogOptions>().Bind(configuration.GetSection(EventLogOptions.Section));
        foreach (var type in moduleAssemblies.SelectMany(a => a.GetTypes())
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IEventSubscriber).IsAssignableFrom(t)))
        {
            services.AddSingleton(typeof(IEventSubscriber), type);
        }

        services.AddSingleton<EventLogReaders>();
        services.AddHostedService(sp => sp.GetRequiredService<EventLogReaders>());
        services.AddHostedService<EventLogRetention>();
        services.AddWolverine(ExtensionDiscovery.ManualOnly, opts =>
        {
            opts.ServiceName = "portico";
            opts.ApplicationAssembly = typeof(Messaging).Assembly;

            // Only IQueueHandler classes are queue handlers: the HTTP slices' nested Handler classes are not.
            opts.Discovery.DisableConventionalDiscovery();
            foreach (var type in moduleAssemblies.SelectMany(a => a.GetExportedTypes())
                         .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IQueueHandler).IsAssignableFrom(t)))
            {
                opts.Discovery.IncludeType(type);
            }

            // Each subscriber of an event gets its own queue: one failing subscriber neither blocks nor repeats another.
            opts.MultipleHandlerBehavior = MultipleHandlerBehavior.Separated;
            // Handlers are compiled in memory at start; nothing is written into the source tree.
            opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Dynamic;
            opts.UseRuntimeCompilation();
            opts.UseSystemTextJsonForSerialization(json =>
            {
                json.PropertyNamingPolicy = EventJson.Options.PropertyNamingPolicy;
                foreach (var converter in EventJson.Options.Converters)
                {
                    json.Converters.Add(converter);
                }
            });

            if (database.Provider == DatabaseProvider.Postgres)
            {
                opts.PersistMessagesWithPostgresql(database.ConnectionString, DatabaseMigrator.MessageStoreSchema);
            }
            else
            {
                opts.PersistMessagesWithSqlite(database.ConnectionString);
            }

            opts.AutoBuildMessageStorageOnStartup = AutoCreate.CreateOrUpdate;
            opts.UseEntityFrameworkCoreTransactions();
            opts.Policies.UseDurableLocalQueues();
            opts.Policies.UseDurableOutboxOnAllSendingEndpoints();
            opts.Durability.ScheduledJobPollingTime = options.ScheduledPollingInterval;
            opts.Durability.ScheduledJobFirstExecution = TimeSpan.Zero;

            var delays = QueueRetries.Delays(configuration);
            var inPlace = delays.Take(options.InPlaceRetries).ToArray();
            var scheduled = delays.Skip(options.InPlaceRetries).ToArray();
            var policy = opts.Policies.OnAnyException();
            if (inPlace.Length > 0 && scheduled.Length > 0)
            {
                policy.RetryWithCooldown(inPlace).Then.ScheduleRetry(scheduled).Then.MoveToErrorQueue();
            }
            else if (inPlace.Length > 0)
            {
                policy.RetryWithCooldown(inPlace).Then.MoveToErrorQueue();
            }
            else if (scheduled.Length > 0)
            {
                policy.ScheduleRetry(scheduled).Then.MoveToErrorQueue();
            }
            else
            {
                policy.MoveToErrorQueue();
            }

            if (!string.IsNullOrWhiteSpace(options.RabbitMqUri))
            {
                // Integration events no longer travel on the broker: the instances share the event log (ADR 0007).
                // The connection stays for the bus's own use; queued work still runs in durable local queues.
                opts.UseRabbitMq(new Uri(options.RabbitMqUri)).AutoProvision();
                opts.Durability.Mode = options.Mode ?? DurabilityMode.Balanced;
            }
            else
            {
                opts.Durability.Mode = options.Mode ?? DurabilityMode.Solo;
            }
        });
        return services;
    }

}
