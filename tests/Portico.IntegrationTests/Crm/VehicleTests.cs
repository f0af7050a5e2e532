using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portico.Crm.Contracts;
using Portico.IntegrationTests.Infrastructure;
using Portico.Kernel.Errors;
using Portico.Kernel.Tenancy;

namespace Portico.IntegrationTests.Crm;

public abstract class VehicleTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private static Task<JsonElement> AddVehicleAsync(CrmTestTenant tenant, object body) =>
        tenant.Client.PostJson(tenant.Crm("vehicles"), body).ShouldBe(HttpStatusCode.Created);

    private static string UniqueVin()
    {
        // A Russian-built (non North American) VIN: its check digit is not enforced, so any serial will do.
        const string alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        return "XTA" + new string([.. Enumerable.Range(0, 14).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)])]);
    }

    [Fact]
    public async Task A_vehicle_with_a_valid_north_american_vin_is_created_for_a_contact_and_raises_vehicle_created()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, country: "RU");
        var contact = await tenant.CreateContactAsync(new { name = "Ivan Petrov" });
        using var stream = await SseClient.OpenAsync(tenant.Client, $"/api/v1/tenants/{tenant.Slug}/events/stream");

        var vehicle = await AddVehicleAsync(tenant, new
        {
            contactId = contact.Str("id"), vin = " 1m8gdm9axkp042788 ", make = "Ford", model = "F-150", year = 2019, plate = "  а 123 вс 77 ", colour = "white",
        });

        vehicle.Str("vin").ShouldBe("1M8GDM9AXKP042788");
        vehicle.Str("vinCheck").ShouldBe("valid");
        vehicle.Str("plate").ShouldBe("А 123 ВС 77");
        vehicle.Str("contactId").ShouldBe(contact.Str("id"));
        vehicle.Str("odometerUnit").ShouldBe("km");
        vehicle.GetProperty("year").GetInt32().ShouldBe(2019);
        (await tenant.Client.GetAsync(tenant.Crm($"vehicles/{vehicle.Str("id")}")).ShouldBeOk()).Str("make").ShouldBe("Ford");
        (await stream.NextAsync("vehicle-created")).Data.ShouldContain(vehicle.Str("id"));
    }

    [Theory]
    [InlineData("1M8GDM9A1KP042788", "check digit")]
    [InlineData("1M8GDM9AXKP04278", "17 characters")]
    [InlineData("XTA21099OY2766389", "I, O or Q")]
    public async Task An_invalid_vin_is_a_422_saying_why(string vin, string reason)
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var contact = await tenant.CreateContactAsync(new { name = "Bad VIN" });

        var problem = await tenant.Client.PostJson(tenant.Crm("vehicles"), new { contactId = contact.Str("id"), vin, make = "Ford", model = "Focus" })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("errors").GetProperty("vin")[0].GetString()!.ShouldContain(reason);
    }

    [Fact]
    public async Task A_vin_outside_north_america_is_accepted_without_its_check_digit_and_says_so()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var contact = await tenant.CreateContactAsync(new { name = "Hans" });

        var vehicle = await AddVehicleAsync(tenant, new { contactId = contact.Str("id"), vin = "WVWZZZ1JZXW000001", make = "Volkswagen", model = "Golf", year = 1999 });

        vehicle.Str("vinCheck").ShouldBe("not-applicable");
    }

    [Fact]
    public async Task Year_and_missing_identifiers_are_checked()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var contact = await tenant.CreateContactAsync(new { name = "Checked" });

        var problem = await tenant.Client.PostJson(tenant.Crm("vehicles"), new { contactId = contact.Str("id"), make = "Ford", model = "T", year = 1899 })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        problem.ErrorFields().ShouldBe(["year", "vin"], ignoreOrder: true);
        var nextYear = DateTime.UtcNow.Year + 1;
        await AddVehicleAsync(tenant, new { contactId = contact.Str("id"), plate = "B777OP99", make = "Lada", model = "Vesta", year = nextYear });
        (await tenant.Client.PostJson(tenant.Crm("vehicles"), new { contactId = contact.Str("id"), plate = "x1", make = "Lada", model = "Vesta", year = nextYear + 1 })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["year"]);
    }

    [Fact]
    public async Task A_vin_is_unique_in_a_tenant_but_not_across_tenants()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var contact = await tenant.CreateContactAsync(new { name = "First owner" });
        var vin = UniqueVin();
        var first = await AddVehicleAsync(tenant, new { contactId = contact.Str("id"), vin, make = "Lada", model = "Niva" });

        var conflict = await tenant.Client.PostJson(tenant.Crm("vehicles"), new { contactId = contact.Str("id"), vin = vin.ToLowerInvariant(), make = "Lada", model = "Niva" })
            .ShouldBeProblem(HttpStatusCode.Conflict);

        conflict.Str("type").ShouldEndWith("vin-exists");
        conflict.Str("existingId").ShouldBe(first.Str("id"));
        var other = await AddVehicleAsync(tenant, new { contactId = contact.Str("id"), plate = "C001CC77", make = "Lada", model = "Niva" });
        await tenant.Client.PatchJson(tenant.Crm($"vehicles/{other.Str("id")}"), new { vin }).ShouldBeProblem(HttpStatusCode.Conflict);

        var elsewhere = await CrmTestTenant.CreateAsync(app);
        var theirs = await elsewhere.CreateContactAsync(new { name = "Another workshop's client" });
        await AddVehicleAsync(elsewhere, new { contactId = theirs.Str("id"), vin, make = "Lada", model = "Niva" });
    }

    [Fact]
    public async Task Another_tenants_contact_and_vehicle_are_404()
    {
        var a = await CrmTestTenant.CreateAsync(app);
        var b = await CrmTestTenant.CreateAsync(app);
        var contactA = await a.CreateContactAsync(new { name = "A's client" });
        var vehicleA = await AddVehicleAsync(a, new { contactId = contactA.Str("id"), vin = UniqueVin(), make = "Kia", model = "Rio" });
        var contactB = await b.CreateContactAsync(new { name = "B's client" });
        var id = vehicleA.Str("id");

        await b.Client.PostJson(b.Crm("vehicles"), new { contactId = contactA.Str("id"), plate = "A001AA77", make = "Kia", model = "Rio" }).ShouldBeProblem(HttpStatusCode.NotFound);
        await b.Client.GetAsync(b.Crm($"vehicles/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await b.Client.PatchJson(b.Crm($"vehicles/{id}"), new { make = "Pwned", contactId = contactB.Str("id") }).ShouldBeProblem(HttpStatusCode.NotFound);
        await b.Client.PostAsync(b.Crm($"vehicles/{id}/archive"), null).ShouldBeProblem(HttpStatusCode.NotFound);
        await b.Client.PostAsync(b.Crm($"vehicles/{id}/restore"), null).ShouldBeProblem(HttpStatusCode.NotFound);
        await b.Client.GetAsync(b.Crm($"vehicles/{id}/odometer")).ShouldBeProblem(HttpStatusCode.NotFound);
        await b.Client.PostJson(b.Crm($"vehicles/{id}/odometer"), new { value = 1 }).ShouldBeProblem(HttpStatusCode.NotFound);
        await b.Client.GetAsync(b.Crm($"contacts/{contactA.Str("id")}/vehicles")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await b.Client.GetAsync(b.Crm($"vehicles?contactId={contactA.Str("id")}")).ShouldBeOk()).Items().ShouldBeEmpty();
        // B's own vehicle cannot be given to A's contact either.
        var vehicleB = await AddVehicleAsync(b, new { contactId = contactB.Str("id"), plate = "B002BB77", make = "Kia", model = "Rio" });
        await b.Client.PatchJson(b.Crm($"vehicles/{vehicleB.Str("id")}"), new { contactId = contactA.Str("id") }).ShouldBeProblem(HttpStatusCode.NotFound);

        var untouched = await a.Client.GetAsync(a.Crm($"vehicles/{id}")).ShouldBeOk();
        untouched.Str("make").ShouldBe("Kia");
        untouched.GetProperty("odometer").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_list_finds_vehicles_by_vin_plate_make_or_model_with_cyrillic_and_latin_plates_alike()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, country: "RU");
        var ivan = await tenant.CreateContactAsync(new { name = "Ivan" });
        var olga = await tenant.CreateContactAsync(new { name = "Olga" });
        var vin = UniqueVin();
        var lada = await AddVehicleAsync(tenant, new { contactId = ivan.Str("id"), vin, make = "Лада", model = "Гранта", plate = "А123ВС77" });
        var kia = await AddVehicleAsync(tenant, new { contactId = ivan.Str("id"), plate = "K 555 MO 199", make = "Kia", model = "Sportage" });
        var bmw = await AddVehicleAsync(tenant, new { contactId = olga.Str("id"), plate = "E777KX50", make = "BMW", model = "X5" });

        async Task<IReadOnlyList<string>> Find(string query) => (await tenant.Client.GetAsync(tenant.Crm($"vehicles?{query}")).ShouldBeOk()).Ids();

        (await Find("q=a123bc")).ShouldBe([lada.Str("id")]);                 // Latin letters find the Cyrillic plate
        (await Find("q=" + Uri.EscapeDataString("к555мо"))).ShouldBe([kia.Str("id")]); // Cyrillic letters and no spaces find the Latin one
        (await Find("q=" + vin[3..12].ToLowerInvariant())).ShouldBe([lada.Str("id")]);
        (await Find("q=" + Uri.EscapeDataString("гран"))).ShouldBe([lada.Str("id")]);
        (await Find("q=sportage")).ShouldBe([kia.Str("id")]);
        (await Find("q=bmw")).ShouldBe([bmw.Str("id")]);
        (await Find($"contactId={ivan.Str("id")}")).ShouldBe([kia.Str("id"), lada.Str("id")]);
        (await Find("")).ShouldBe([bmw.Str("id"), kia.Str("id"), lada.Str("id")]);

        var first = await tenant.Client.GetAsync(tenant.Crm("vehicles?limit=2")).ShouldBeOk();
        first.Ids().Count.ShouldBe(2);
        (await Find($"limit=2&cursor={first.NextCursor()}")).ShouldBe([lada.Str("id")]);

        await tenant.Client.PostAsync(tenant.Crm($"vehicles/{bmw.Str("id")}/archive"), null).ShouldBeOk();
        (await Find("q=bmw")).ShouldBeEmpty();
        (await Find("archived=true")).ShouldBe([bmw.Str("id")]);
    }

    [Fact]
    public async Task A_contacts_vehicles_are_listed_and_an_update_changes_them()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var contact = await tenant.CreateContactAsync(new { name = "Two cars" });
        var buyer = await tenant.CreateContactAsync(new { name = "Buyer" });
        var first = await AddVehicleAsync(tenant, new { contactId = contact.Str("id"), plate = "T1", make = "Toyota", model = "Camry", colour = "black" });
        var second = await AddVehicleAsync(tenant, new { contactId = contact.Str("id"), plate = "T2", make = "Toyota", model = "RAV4" });

        var updated = await tenant.Client.PatchJson(tenant.Crm($"vehicles/{first.Str("id")}"), new { colour = "", model = "Camry Hybrid", contactId = buyer.Str("id") }).ShouldBeOk();

        updated.Str("model").ShouldBe("Camry Hybrid");
        updated.GetProperty("colour").ValueKind.ShouldBe(JsonValueKind.Null);
        updated.Str("plate").ShouldBe("T1");
        var mine = await tenant.Client.GetAsync(tenant.Crm($"contacts/{contact.Str("id")}/vehicles")).ShouldBeOk();
        mine.EnumerateArray().Select(v => v.Str("id")).ShouldBe([second.Str("id")]);
        (await tenant.Client.GetAsync(tenant.Crm($"contacts/{buyer.Str("id")}/vehicles")).ShouldBeOk()).EnumerateArray().Single().Str("id").ShouldBe(first.Str("id"));
    }

    [Fact]
    public async Task Odometer_readings_only_go_up_unless_flagged_as_a_correction()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var contact = await tenant.CreateContactAsync(new { name = "Driver" });
        var vehicle = await AddVehicleAsync(tenant, new { contactId = contact.Str("id"), plate = "O1", make = "Skoda", model = "Octavia" });
        var odometer = tenant.Crm($"vehicles/{vehicle.Str("id")}/odometer");

        await tenant.Client.PostJson(odometer, new { value = 50000, readAt = "2026-01-10T10:00:00Z" }).ShouldBe(HttpStatusCode.Created);
        await tenant.Client.PostJson(odometer, new { value = 61000, readAt = "2026-06-10T10:00:00Z", source = "work_order" }).ShouldBe(HttpStatusCode.Created);

        var lower = await tenant.Client.PostJson(odometer, new { value = 60000 }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        lower.GetProperty("errors").GetProperty("value")[0].GetString()!.ShouldContain("lower than the previous reading");
        // Entered late, between two readings: it must fit between them.
        await tenant.Client.PostJson(odometer, new { value = 70000, readAt = "2026-03-01T10:00:00Z" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await tenant.Client.PostJson(odometer, new { value = 55000, readAt = "2026-03-01T10:00:00Z" }).ShouldBe(HttpStatusCode.Created);
        var corrected = await tenant.Client.PostJson(odometer, new { value = 60000, isCorrection = true }).ShouldBe(HttpStatusCode.Created);
        corrected.GetProperty("isCorrection").GetBoolean().ShouldBeTrue();
        (await tenant.Client.PostJson(odometer, new { value = 10, unit = "furlong" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["unit"]);

        var latest = await tenant.Client.GetAsync(tenant.Crm($"vehicles/{vehicle.Str("id")}")).ShouldBeOk();
        latest.GetProperty("odometer").GetInt64().ShouldBe(60000);
        var readings = await tenant.Client.GetAsync(odometer).ShouldBeOk();
        readings.Items().Select(r => r.GetProperty("value").GetInt64()).ShouldBe([60000L, 61000L, 55000L, 50000L]);
        readings.Items()[1].Str("source").ShouldBe("work_order");
    }

    [Fact]
    public async Task A_reading_in_miles_is_converted_to_the_vehicles_kilometres()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var contact = await tenant.CreateContactAsync(new { name = "Importer" });
        var vehicle = await AddVehicleAsync(tenant, new { contactId = contact.Str("id"), plate = "M1", make = "Ford", model = "Mustang", odometerUnit = "km" });

        var reading = await tenant.Client.PostJson(tenant.Crm($"vehicles/{vehicle.Str("id")}/odometer"), new { value = 1000, unit = "mi" }).ShouldBe(HttpStatusCode.Created);

        (reading.GetProperty("value").GetInt64(), reading.Str("unit")).ShouldBe((1609L, "km"));
    }

    [Fact]
    public async Task Merging_contacts_moves_the_vehicles_and_deleting_a_contact_with_vehicles_needs_cascade()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var survivor = await tenant.CreateContactAsync(new { name = "Survivor", emails = new[] { $"{Guid.NewGuid():N}@example.com" } });
        var other = await tenant.CreateContactAsync(new { name = "Duplicate", emails = new[] { $"{Guid.NewGuid():N}@example.com" } });
        var car = await AddVehicleAsync(tenant, new { contactId = other.Str("id"), plate = "MRG1", make = "Audi", model = "A4" });

        await tenant.Client.PostJson(tenant.Crm($"contacts/{survivor.Str("id")}/merge"), new { otherId = other.Str("id") }).ShouldBeOk();

        (await tenant.Client.GetAsync(tenant.Crm($"vehicles/{car.Str("id")}")).ShouldBeOk()).Str("contactId").ShouldBe(survivor.Str("id"));
        (await tenant.Client.DeleteAsync(tenant.Crm($"contacts/{survivor.Str("id")}")).ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").ShouldEndWith("contact-has-vehicles");
        await tenant.Client.PostJson(tenant.Crm($"vehicles/{car.Str("id")}/odometer"), new { value = 5 }).ShouldBe(HttpStatusCode.Created);
        await tenant.Client.DeleteAsync(tenant.Crm($"contacts/{survivor.Str("id")}?cascade=true")).ShouldBe(HttpStatusCode.NoContent);
        await tenant.Client.GetAsync(tenant.Crm($"vehicles/{car.Str("id")}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Under_restricted_visibility_an_employee_sees_only_the_vehicles_of_their_own_contacts()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var me = await tenant.AddMemberAsync("Employee");
        var colleague = await tenant.AddMemberAsync("Employee");
        var mine = await tenant.CreateContactAsync(new { name = "My client", ownerId = me.Id });
        var theirs = await tenant.CreateContactAsync(new { name = "Their client", ownerId = colleague.Id });
        var myCar = await AddVehicleAsync(tenant, new { contactId = mine.Str("id"), plate = "MY1", make = "Kia", model = "Ceed" });
        var theirCar = await AddVehicleAsync(tenant, new { contactId = theirs.Str("id"), plate = "THEIR1", make = "Kia", model = "Ceed" });
        await tenant.Client.PutAsJsonAsync(tenant.Crm("settings"), new { restrictedVisibility = true }).ShouldBeOk();

        (await me.Client.GetAsync(tenant.Crm("vehicles")).ShouldBeOk()).Ids().ShouldBe([myCar.Str("id")]);
        await me.Client.GetAsync(tenant.Crm($"vehicles/{theirCar.Str("id")}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await me.Client.PostJson(tenant.Crm($"vehicles/{theirCar.Str("id")}/odometer"), new { value = 1 }).ShouldBeProblem(HttpStatusCode.NotFound);
        await me.Client.GetAsync(tenant.Crm($"contacts/{theirs.Str("id")}/vehicles")).ShouldBeProblem(HttpStatusCode.NotFound);
        await me.Client.PostJson(tenant.Crm("vehicles"), new { contactId = theirs.Str("id"), plate = "X1", make = "Kia", model = "Rio" }).ShouldBeProblem(HttpStatusCode.NotFound);
        (await tenant.Client.GetAsync(tenant.Crm("vehicles")).ShouldBeOk()).Ids().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Another_module_finds_vehicles_and_records_odometer_readings_through_IVehicles_within_its_tenant()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var other = await CrmTestTenant.CreateAsync(app);
        var contact = await tenant.CreateContactAsync(new { name = "Work order client" });
        var vin = UniqueVin();
        var vehicle = await AddVehicleAsync(tenant, new { contactId = contact.Str("id"), vin, make = "Hyundai", model = "Solaris", year = 2018, plate = "Р001РР77" });
        var id = Guid.Parse(vehicle.Str("id"));

        async Task<T> AsTenant<T>(CrmTestTenant who, Func<IVehicles, Task<T>> work)
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<RequestContext>().SetTenant(Guid.Parse(who.Tenant.Str("id")), who.Slug);
            return await work(scope.ServiceProvider.GetRequiredService<IVehicles>());
        }

        var info = (await AsTenant(tenant, v => v.FindAsync(id, CancellationToken.None))).ShouldNotBeNull();
        (info.ContactId, info.Vin, info.Make, info.Model, info.Year, info.Plate).ShouldBe((Guid.Parse(contact.Str("id")), vin, "Hyundai", "Solaris", (int?)2018, "Р001РР77"));
        (await AsTenant(tenant, v => v.ListByContactAsync(info.ContactId, CancellationToken.None))).Select(v => v.Id).ShouldBe([id]);
        (await AsTenant(other, v => v.FindAsync(id, CancellationToken.None))).ShouldBeNull();

        var workOrder = Guid.NewGuid();
        var reading = await AsTenant(tenant, v => v.AddOdometerReadingAsync(new OdometerReadingRequest(id, 80000, null, null, "work_order", workOrder, false), CancellationToken.None));
        (reading.Value, reading.Unit, reading.SourceId).ShouldBe((80000L, "km", (Guid?)workOrder));
        await Should.ThrowAsync<ValidationException>(() =>
            AsTenant(tenant, v => v.AddOdometerReadingAsync(new OdometerReadingRequest(id, 79000, null, null, "work_order", workOrder, false), CancellationToken.None)));
        await Should.ThrowAsync<NotFoundException>(() =>
            AsTenant(other, v => v.AddOdometerReadingAsync(new OdometerReadingRequest(id, 90000, null, null, "manual", null, false), CancellationToken.None)));
        (await tenant.Client.GetAsync(tenant.Crm($"vehicles/{id}")).ShouldBeOk()).GetProperty("odometer").GetInt64().ShouldBe(80000);
    }

    [Fact]
    public async Task Vehicle_changes_are_audited()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var contact = await tenant.CreateContactAsync(new { name = "Audited" });
        var vehicle = await AddVehicleAsync(tenant, new { contactId = contact.Str("id"), plate = "AUD1", make = "Volvo", model = "XC90" });
        await tenant.Client.PatchJson(tenant.Crm($"vehicles/{vehicle.Str("id")}"), new { colour = "silver" }).ShouldBeOk();

        var audit = await tenant.Client.GetStringAsync($"/api/v1/tenants/{tenant.Slug}/audit?limit=100");

        audit.ShouldContain(vehicle.Str("id"));
        audit.ShouldContain("silver");
    }
}

public sealed class VehicleTestsOnSqlite(SqliteFactory app) : VehicleTests<SqliteFactory>(app);

public sealed class VehicleTestsOnPostgres(PostgresFactory app) : VehicleTests<PostgresFactory>(app);
