using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portico.Crm.Contacts;
using Portico.Crm.Vehicles;
using Portico.Kernel.Events;
using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Demo;

/// <summary>
/// The demo workshop's clients (<c>demo-workshop</c>) get their cars: each person gets the car their demo contact's
/// fields name (make, VIN, mileage as the first odometer reading) with a model, year, colour and a Russian plate; each
/// company client gets two fleet cars. Built through <see cref="VehicleWriter"/> and <see cref="OdometerLog"/> (the
/// same rules as the API), saved without events like the rest of the demo CRM. Runs right after the CRM's demo; a
/// workshop that already has vehicles is left alone.
/// </summary>
internal sealed class VehicleDemoSeeder(IServiceScopeFactory scopes, ITenantDirectory tenants, TimeProvider clock) : IDemoSeeder
{
    private const string Slug = "demo-workshop";

    private static readonly Dictionary<string, string[]> Models = new(StringComparer.Ordinal)
    {
        ["Lada"] = ["Vesta", "Granta", "Largus", "Niva Travel"],
        ["Kia"] = ["Rio", "Ceed", "Sportage", "Optima"],
        ["Hyundai"] = ["Solaris", "Creta", "Tucson", "Elantra"],
        ["Toyota"] = ["Camry", "Corolla", "RAV4", "Land Cruiser Prado"],
        ["Volkswagen"] = ["Polo", "Tiguan", "Jetta"],
        ["Skoda"] = ["Octavia", "Rapid", "Kodiaq"],
        ["Renault"] = ["Logan", "Duster", "Sandero", "Arkana"],
        ["Nissan"] = ["Qashqai", "X-Trail", "Almera"],
        ["Haval"] = ["Jolion", "F7", "H6"],
        ["Chery"] = ["Tiggo 4", "Tiggo 7 Pro", "Tiggo 8"],
        ["BMW"] = ["320i", "X3", "520d"],
        ["Mercedes-Benz"] = ["C 200", "E 200", "GLC 300"],
    };

    private static readonly string[] Colours = ["белый", "чёрный", "серебристый", "серый", "синий", "красный", "коричневый"];

    /// <summary>The letters Russian plates use (those that look alike in Latin).</summary>
    private const string PlateLetters = "АВЕКМНОРСТУХ";

    private static readonly string[] Regions = ["77", "97", "177", "199", "50", "750", "78", "16"];

    public int Order => 31;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await tenants.FindBySlugAsync(Slug, cancellationToken) is not { } tenant)
        {
            return;
        }

        await scopes.RunAsync(tenant.Id, tenant.Slug, CrmDemoSeeder.Actor, async services =>
        {
            var db = services.GetRequiredService<CrmDbContext>();
            if (await db.Vehicles.AnyAsync(cancellationToken))
            {
                return;
            }

            var contacts = await db.Contacts.AsNoTracking().OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
            var writer = services.GetRequiredService<VehicleWriter>();
            var log = services.GetRequiredService<OdometerLog>();
            var rng = new Random(20261205);
            var now = clock.GetUtcNow();
            var vins = new HashSet<string>(StringComparer.Ordinal);
            foreach (var contact in contacts)
            {
                var fields = JsonDocument.Parse(contact.CustomFields).RootElement;
                var cars = contact.Kind == Contact.Company ? 2 : 1;
                for (var car = 0; car < cars; car++)
                {
                    var make = car == 0 && Text(fields, "car_make") is { } named && Models.ContainsKey(named) ? named : Pick(rng, [.. Models.Keys]);
                    var vin = car == 0 && Text(fields, "vin") is { Length: 17 } given ? given : RandomVin(rng);
                    if (!vins.Add(vin))
                    {
                        continue;
                    }

                    var mileage = car == 0 && fields.TryGetProperty("mileage", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : rng.Next(10, 250) * 1000L;
                    var vehicle = new Vehicle { TenantId = tenant.Id, Make = "", Model = "" };
                    await writer.ApplyAsync(vehicle, new VehicleInput(
                        contact.Id, vin, make, Pick(rng, Models[make]), now.Year - rng.Next(0, 15), Plate(rng), Pick(rng, Colours), null, null), creating: true, cancellationToken);
                    db.Vehicles.Add(vehicle);
                    await log.AddAsync(vehicle, new OdometerInput(mileage, null, now.AddDays(-rng.Next(30, 200)), OdometerReading.Manual, null, false, null), cancellationToken);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        });
    }

    private static string? Text(JsonElement fields, string key) =>
        fields.ValueKind == JsonValueKind.Object && fields.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Pick(Random rng, string[] options) => options[rng.Next(options.Length)];

    private static string Plate(Random rng) =>
        $"{PlateLetters[rng.Next(PlateLetters.Length)]}{rng.Next(1, 1000):000}{PlateLetters[rng.Next(PlateLetters.Length)]}{PlateLetters[rng.Next(PlateLetters.Length)]}{Pick(rng, Regions)}";

    private static string RandomVin(Random rng)
    {
        const string alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        return "XTA" + new string(Enumerable.Range(0, 14).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
    }
}
