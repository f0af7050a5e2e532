using System.Net;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Crm;

public abstract class CustomObjectTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    /// <summary>A workshop with a «car» object: a plate (text, required), a mileage (number) and an owner (relation to a contact).</summary>
    private async Task<CrmTestTenant> WorkshopWithCarsAsync()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, vertical: "workshop");
        await tenant.Client.PostJson(tenant.Crm("objects"), new { key = "car", name = "Car", pluralName = "Cars" }).ShouldBe(HttpStatusCode.Created);
        await tenant.CreateFieldAsync(new { recordType = "object:car", key = "plate", label = "Plate", type = "text", required = true });
        await tenant.CreateFieldAsync(new { recordType = "object:car", key = "mileage", label = "Mileage", type = "number" });
        await tenant.CreateFieldAsync(new { recordType = "object:car", key = "owner", label = "Owner", type = "relation", target = "contact" });
        return tenant;
    }

    [Fact]
    public async Task An_object_is_defined_and_listed()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);

        var response = await tenant.Client.PostJson(tenant.Crm("objects"), new { key = "pet", name = "Pet", pluralName = "Pets", description = "Animals we groom" });

        var pet = await response.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/tenants/{tenant.Slug}/crm/objects/pet");
        pet.Str("recordType").ShouldBe("object:pet");
        var list = await tenant.Client.GetAsync(tenant.Crm("objects")).ShouldBeOk();
        list.Items().Select(o => (o.Str("key"), o.Str("pluralName"))).ShouldBe([("pet", "Pets")]);
        (await tenant.Client.GetAsync(tenant.Crm("objects/pet")).ShouldBeOk()).Str("description").ShouldBe("Animals we groom");
    }

    [Fact]
    public async Task Object_keys_are_validated_and_unique()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        await tenant.Client.PostJson(tenant.Crm("objects"), new { key = "pet", name = "Pet" }).ShouldBe(HttpStatusCode.Created);

        (await tenant.Client.PostJson(tenant.Crm("objects"), new { key = "pet", name = "Pet again" }).ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").ShouldEndWith("duplicate-object");
        (await tenant.Client.PostJson(tenant.Crm("objects"), new { key = "Pets!", name = "" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["key", "name"], ignoreOrder: true);
        (await tenant.Client.PostJson(tenant.Crm("objects"), new { key = "deals", name = "Deals" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["key"]);
        await tenant.Client.GetAsync(tenant.Crm("objects/nosuch")).ShouldBeProblem(HttpStatusCode.NotFound);
        await tenant.Client.GetAsync(tenant.Crm("objects/nosuch/records")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Records_are_created_read_changed_and_deleted_with_their_custom_fields()
    {
        var tenant = await WorkshopWithCarsAsync();
        var owner = await tenant.CreateContactAsync(new { name = "Car owner" });

        var response = await tenant.Client.PostJson(tenant.Crm("objects/car/records"), new { name = "Red Lada", customFields = new { plate = "A123BC", mileage = 120000, owner = owner.Str("id") } });

        var car = await response.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/tenants/{tenant.Slug}/crm/objects/car/records/{car.Str("id")}");
        car.Str("objectKey").ShouldBe("car");
        car.GetProperty("customFields").Str("owner").ShouldBe(owner.Str("id"));
        var url = tenant.Crm($"objects/car/records/{car.Str("id")}");
        (await tenant.Client.GetAsync(url).ShouldBeOk()).GetProperty("customFields").GetProperty("mileage").GetInt32().ShouldBe(120000);

        var updated = await tenant.Client.PatchJson(url, new { customFields = new { mileage = 125000 } }, "\"1\"").ShouldBeOk();
        updated.GetProperty("customFields").GetProperty("mileage").GetInt32().ShouldBe(125000);
        updated.GetProperty("customFields").Str("plate").ShouldBe("A123BC");
        await tenant.Client.PatchJson(url, new { name = "Stale" }, "\"1\"").ShouldBeProblem(HttpStatusCode.PreconditionFailed);

        await tenant.Client.DeleteAsync(url).ShouldBe(HttpStatusCode.NoContent);
        await tenant.Client.GetAsync(url).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Record_values_are_validated_like_any_custom_field()
    {
        var tenant = await WorkshopWithCarsAsync();

        var problem = await tenant.Client.PostJson(tenant.Crm("objects/car/records"), new { name = "", customFields = new { mileage = "far", owner = Guid.NewGuid() } })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        problem.ErrorFields().ShouldBe(["name", "customFields.plate", "customFields.mileage", "customFields.owner"], ignoreOrder: true);
    }

    [Fact]
    public async Task Records_are_listed_with_search_filters_and_sorts()
    {
        var tenant = await WorkshopWithCarsAsync();
        foreach (var (name, mileage) in new[] { ("Red Lada", 120000), ("Blue Volvo", 30000), ("Green Lada", 80000) })
        {
            await tenant.Client.PostJson(tenant.Crm("objects/car/records"), new { name, customFields = new { plate = name[..3], mileage } }).ShouldBe(HttpStatusCode.Created);
        }

        var ladas = await tenant.Client.GetAsync(tenant.Crm("objects/car/records?q=lada&sort=cf.mileage")).ShouldBeOk();
        var low = await tenant.Client.GetAsync(tenant.Crm("objects/car/records?cf.mileage[lt]=100000&sort=name")).ShouldBeOk();

        ladas.Items().Select(c => c.Str("name")).ShouldBe(["Green Lada", "Red Lada"]);
        low.Items().Select(c => c.Str("name")).ShouldBe(["Blue Volvo", "Green Lada"]);
        await tenant.Client.GetAsync(tenant.Crm("objects/car/records?colour=red")).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_contact_field_can_point_at_an_object_record()
    {
        var tenant = await WorkshopWithCarsAsync();
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "main_car", label = "Main car", type = "relation", target = "object:car" });
        var car = await tenant.Client.PostJson(tenant.Crm("objects/car/records"), new { name = "Lada", customFields = new { plate = "X001XX" } }).ShouldBe(HttpStatusCode.Created);
        await tenant.Client.PostJson(tenant.Crm("objects"), new { key = "boat", name = "Boat" }).ShouldBe(HttpStatusCode.Created);
        var boat = await tenant.Client.PostJson(tenant.Crm("objects/boat/records"), new { name = "Dinghy" }).ShouldBe(HttpStatusCode.Created);

        var driver = await tenant.CreateContactAsync(new { name = "Driver", customFields = new { main_car = car.Str("id") } });

        driver.GetProperty("customFields").Str("main_car").ShouldBe(car.Str("id"));
        (await tenant.Client.GetAsync(tenant.Crm($"contacts?cf.main_car={car.Str("id")}")).ShouldBeOk()).Ids().ShouldBe([driver.Str("id")]);
        var wrongType = await tenant.Client.PostJson(tenant.Crm("contacts"), new { name = "Sailor", customFields = new { main_car = boat.Str("id") } })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        wrongType.ErrorFields().ShouldBe(["customFields.main_car"]);
        (await tenant.Client.PostJson(tenant.Crm("fields"), new { recordType = "contact", key = "yacht", label = "Yacht", type = "relation", target = "object:yacht" })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["target"]);
    }

    [Fact]
    public async Task A_record_has_a_timeline_of_its_activities_and_changes()
    {
        var tenant = await WorkshopWithCarsAsync();
        var car = await tenant.Client.PostJson(tenant.Crm("objects/car/records"), new { name = "Lada", customFields = new { plate = "B777OP" } }).ShouldBe(HttpStatusCode.Created);
        var url = tenant.Crm($"objects/car/records/{car.Str("id")}");
        await tenant.Client.PatchJson(url, new { name = "Lada Niva" }).ShouldBeOk();
        var note = await tenant.Client.PostJson(tenant.Crm("activities"), new { recordType = "object:car", recordId = car.Str("id"), kind = "note", body = "Oil changed" })
            .ShouldBe(HttpStatusCode.Created);

        var timeline = await tenant.Client.GetAsync(url + "/timeline").ShouldBeOk();

        var kinds = timeline.Items().Select(e => e.Str("kind")).ToList();
        kinds[0].ShouldBe("activity");
        timeline.Items()[0].GetProperty("activity").Str("id").ShouldBe(note.Str("id"));
        var rename = timeline.Items().First(e => e.Str("kind") == "change" && e.GetProperty("changes").ValueKind == JsonValueKind.Object && e.GetProperty("changes").TryGetProperty("name", out _));
        rename.GetProperty("changes").GetProperty("name").Str("new").ShouldBe("Lada Niva");
        var activities = await tenant.Client.GetAsync(tenant.Crm($"activities?recordType=object:car&recordId={car.Str("id")}")).ShouldBeOk();
        activities.Ids().ShouldBe([note.Str("id")]);
    }

    [Fact]
    public async Task An_object_with_records_cannot_be_deleted()
    {
        var tenant = await WorkshopWithCarsAsync();
        var car = await tenant.Client.PostJson(tenant.Crm("objects/car/records"), new { name = "Lada", customFields = new { plate = "C1" } }).ShouldBe(HttpStatusCode.Created);

        (await tenant.Client.DeleteAsync(tenant.Crm("objects/car")).ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").ShouldEndWith("object-not-empty");

        await tenant.Client.DeleteAsync(tenant.Crm($"objects/car/records/{car.Str("id")}")).ShouldBe(HttpStatusCode.NoContent);
        await tenant.Client.DeleteAsync(tenant.Crm("objects/car")).ShouldBe(HttpStatusCode.NoContent);
        await tenant.Client.GetAsync(tenant.Crm("objects/car")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await tenant.Client.GetAsync(tenant.Crm("fields?recordType=object:car&archived=true")).ShouldBeOk()).Items().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_record_of_one_object_is_not_found_under_another()
    {
        var tenant = await WorkshopWithCarsAsync();
        await tenant.Client.PostJson(tenant.Crm("objects"), new { key = "boat", name = "Boat" }).ShouldBe(HttpStatusCode.Created);
        var car = await tenant.Client.PostJson(tenant.Crm("objects/car/records"), new { name = "Lada", customFields = new { plate = "D1" } }).ShouldBe(HttpStatusCode.Created);

        await tenant.Client.GetAsync(tenant.Crm($"objects/boat/records/{car.Str("id")}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await tenant.Client.DeleteAsync(tenant.Crm($"objects/boat/records/{car.Str("id")}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await tenant.Client.PostJson(tenant.Crm("activities"), new { recordType = "object:boat", recordId = car.Str("id"), kind = "note", body = "x" })
            .ShouldBeProblem(HttpStatusCode.NotFound);
        await tenant.Client.GetAsync(tenant.Crm($"objects/car/records/{car.Str("id")}")).ShouldBeOk();
    }
}

public sealed class CustomObjectTestsOnSqlite(SqliteFactory app) : CustomObjectTests<SqliteFactory>(app);

public sealed class CustomObjectTestsOnPostgres(PostgresFactory app) : CustomObjectTests<PostgresFactory>(app);
