using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portico.Catalog.Contracts;
using Portico.IntegrationTests.Crm;
using Portico.IntegrationTests.Files;
using Portico.IntegrationTests.Infrastructure;
using Portico.Kernel.Events;
using Portico.Kernel.Tenancy;
using Portico.Scheduling.Contracts;

namespace Portico.IntegrationTests.Catalog;

public abstract class CatalogTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    [Fact]
    public async Task A_service_keeps_its_names_prices_durations_and_deposit_and_changes_with_if_match()
    {
        var tenant = await CatalogTestTenant.CreateAsync(app);
        var category = await tenant.CreateCategoryAsync("Тату", "Tattoo");
        var created = await tenant.CreateServiceAsync(new
        {
            name = new { ru = "Мини-тату", en = "Mini tattoo" },
            description = new { ru = "До 5 см", en = "Up to 5 cm" },
            categoryId = category.Str("id"),
            price = new { kind = "from", amount = "5000" },
            durationMinutes = 60,
            bufferBeforeMinutes = 15,
            bufferAfterMinutes = 20,
            deposit = new { percent = 30 },
            resourceKind = "room",
            tags = new[] { "Tattoo", "small" },
        });

        created.GetProperty("name").Str("ru").ShouldBe("Мини-тату");
        created.GetProperty("price").Str("kind").ShouldBe("from");
        created.GetProperty("price").GetProperty("amount").Str("amount").ShouldBe("5000.00");
        created.GetProperty("price").GetProperty("amount").Str("currency").ShouldBe("RUB");
        created.GetProperty("deposit").GetProperty("amount").Str("amount").ShouldBe("1500.00");
        created.GetProperty("deposit").GetProperty("percent").GetInt32().ShouldBe(30);
        created.GetProperty("bufferAfterMinutes").GetInt32().ShouldBe(20);
        created.Str("resourceKind").ShouldBe("room");
        created.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["tattoo", "small"]);
        created.GetProperty("onlineBookable").GetBoolean().ShouldBeTrue();
        created.GetProperty("archived").GetBoolean().ShouldBeFalse();

        var url = tenant.Catalog($"services/{created.Str("id")}");
        var read = await tenant.Client.GetAsync(url).ShouldBeOk();
        read.GetProperty("description").Str("en").ShouldBe("Up to 5 cm");

        var changed = await tenant.Client.PatchJson(url, new { price = new { kind = "range", amount = "5000", max = "12000.50" }, deposit = new { amount = "1000" }, resourceKind = "" },
            ifMatch: $"\"{read.GetProperty("version").GetInt64()}\"").ShouldBeOk();
        changed.GetProperty("price").GetProperty("max").Str("amount").ShouldBe("12000.50");
        changed.GetProperty("deposit").GetProperty("amount").Str("amount").ShouldBe("1000.00");
        changed.GetProperty("deposit").GetProperty("percent").ValueKind.ShouldBe(JsonValueKind.Null);
        changed.GetProperty("resourceKind").ValueKind.ShouldBe(JsonValueKind.Null);
        changed.GetProperty("name").Str("en").ShouldBe("Mini tattoo");

        await tenant.Client.PatchJson(url, new { durationMinutes = 90 }, ifMatch: $"\"{read.GetProperty("version").GetInt64()}\"")
            .ShouldBeProblem(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Edits_without_if_match_racing_each_other_both_land_and_a_stale_if_match_is_still_a_412()
    {
        // "No If-Match" promises last write wins: an edit that collides with another writer between its read and its
        // save (another tab, the booking stamp written in the background) is applied on fresh rows, never refused.
        var tenant = await CatalogTestTenant.CreateAsync(app);
        var created = await tenant.CreateServiceAsync(new { name = new { en = "Cut" }, price = new { kind = "fixed", amount = "1000" }, durationMinutes = 30 });
        var url = tenant.Catalog($"services/{created.Str("id")}");
        for (var round = 1; round <= 10; round++)
        {
            var duration = tenant.Client.PatchJson(url, new { durationMinutes = 30 + round });
            var buffer = tenant.Client.PatchJson(url, new { bufferAfterMinutes = round });
            await duration.ShouldBeOk();
            await buffer.ShouldBeOk();
        }

        var read = await tenant.Client.GetAsync(url).ShouldBeOk();
        (read.GetProperty("durationMinutes").GetInt32(), read.GetProperty("bufferAfterMinutes").GetInt32()).ShouldBe((40, 10));
        await tenant.Client.PatchJson(url, new { durationMinutes = 45 }, ifMatch: $"\"{read.GetProperty("version").GetInt64() - 1}\"")
            .ShouldBeProblem(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Booking_reads_services_through_ICatalogServices_with_the_deposit_computed()
    {
        var tenant = await CatalogTestTenant.CreateAsync(app);
        var service = await tenant.CreateServiceAsync(new
        {
            name = new { ru = "Балаяж", en = "Balayage" },
            price = new { kind = "range", amount = "8000", max = "15000" },
            durationMinutes = 180,
            bufferAfterMinutes = 15,
            deposit = new { percent = 25 },
            resourceKind = "chair",
        });
        var other = await CatalogTestTenant.CreateAsync(app);
        var foreign = await other.CreateServiceAsync("Чужая", "Foreign");
        await tenant.Client.PostAsync(tenant.Catalog($"services/{service.Str("id")}/archive"), null).ShouldBeOk();

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().SetTenant(tenant.Id, tenant.Slug);
        var found = await scope.ServiceProvider.GetRequiredService<ICatalogServices>()
            .FindAsync([Guid.Parse(service.Str("id")), Guid.Parse(foreign.Str("id")), Guid.CreateVersion7()], CancellationToken.None);

        var bookable = found.ShouldHaveSingleItem();
        bookable.Name["ru"].ShouldBe("Балаяж");
        bookable.Name["en"].ShouldBe("Balayage");
        bookable.PriceMinor.ShouldBe(800_000);
        bookable.PriceMaxMinor.ShouldBe(1_500_000);
        bookable.Currency.ShouldBe("RUB");
        bookable.DepositMinor.ShouldBe(200_000);
        bookable.DurationMinutes.ShouldBe(180);
        bookable.BufferAfterMinutes.ShouldBe(15);
        bookable.ResourceKind.ShouldBe("chair");
        bookable.Archived.ShouldBeTrue();
    }

    [Fact]
    public async Task Bad_services_are_refused_with_the_field_named()
    {
        var tenant = await CatalogTestTenant.CreateAsync(app);
        var other = await CatalogTestTenant.CreateAsync(app);
        var foreignCategory = await other.CreateCategoryAsync("Чужая", "Foreign");
        var services = tenant.Catalog("services");

        async Task<IReadOnlyList<string>> Refused(object body) =>
            (await tenant.Client.PostJson(services, body).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields();

        (await Refused(new { name = new { ru = "А" }, price = new { kind = "fixed", amount = "-1" }, durationMinutes = 30 })).ShouldBe(["price.amount"]);
        (await Refused(new { name = new { ru = "А" }, price = new { kind = "range", amount = "500", max = "100" }, durationMinutes = 30 })).ShouldBe(["price.max"]);
        (await Refused(new { name = new { ru = "А" }, price = new { kind = "range", amount = "500" }, durationMinutes = 30 })).ShouldBe(["price.max"]);
        (await Refused(new { name = new { ru = "А" }, price = new { kind = "fixed", amount = "500" }, durationMinutes = 30, deposit = new { percent = 101 } })).ShouldBe(["deposit.percent"]);
        (await Refused(new { name = new { ru = "А" }, price = new { kind = "fixed", amount = "500" }, durationMinutes = 30, deposit = new { amount = "10", percent = 10 } })).ShouldBe(["deposit"]);
        (await Refused(new { name = new { ru = "А" }, price = new { kind = "fixed", amount = "500" }, durationMinutes = 30, categoryId = Guid.CreateVersion7() })).ShouldBe(["categoryId"]);
        (await Refused(new { name = new { ru = "А" }, price = new { kind = "fixed", amount = "500" }, durationMinutes = 30, categoryId = foreignCategory.Str("id") })).ShouldBe(["categoryId"]);
        (await Refused(new { name = new { ru = "А" }, price = new { kind = "fixed", amount = "500.001" }, durationMinutes = 0 })).ShouldBe(["price.amount", "durationMinutes"], ignoreOrder: true);
        (await Refused(new { name = new { ru = "А" }, price = new { kind = "hourly", amount = "500" }, durationMinutes = 30, resourceKind = "spaceship" }))
            .ShouldBe(["price.kind", "resourceKind"], ignoreOrder: true);
        (await Refused(new { name = new { ru = " " }, durationMinutes = 30 })).ShouldBe(["name", "price"], ignoreOrder: true);
        (await Refused(new { name = new { ru = "А" }, price = new { kind = "fixed", amount = "500" }, durationMinutes = 30, portfolio = new[] { new { fileId = Guid.CreateVersion7() } } }))
            .ShouldBe(["portfolio[0].fileId"]);

        await tenant.Client.PostAsync(services, Http.RawJson("""{"name":{"ru":"А"},"price":{"kind":"fixed","amount":"1"},"durationMinutes":30,"colour":"red"}"""))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        await tenant.Client.GetAsync(tenant.Catalog("services?sort=colour")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await tenant.Client.GetAsync(tenant.Catalog("services?priceMin=abc")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await tenant.Client.GetAsync(tenant.Catalog("services?cursor=nonsense")).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await tenant.Client.GetAsync(tenant.Catalog("services")).ShouldBeOk()).Items().ShouldBeEmpty();
    }

    [Fact]
    public async Task Categories_nest_one_level_and_keep_their_order()
    {
        var tenant = await CatalogTestTenant.CreateAsync(app);
        var hair = await tenant.CreateCategoryAsync("Стрижки", "Haircuts");
        var nails = await tenant.CreateCategoryAsync("Маникюр", "Nails");
        var tattoo = await tenant.CreateCategoryAsync("Тату", "Tattoo");
        var mini = await tenant.CreateCategoryAsync("Мини-тату", "Mini", tattoo.Str("id"));
        mini.Str("parentId").ShouldBe(tattoo.Str("id"));

        // A third level, or a parent with children moving under another category, is refused.
        (await tenant.Client.PostJson(tenant.Catalog("categories"), new { name = new { ru = "Третий" }, parentId = mini.Str("id") })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["parentId"]);
        (await tenant.Client.PatchJson(tenant.Catalog($"categories/{tattoo.Str("id")}"), new { parentId = hair.Str("id") })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["parentId"]);
        (await tenant.Client.PostJson(tenant.Catalog("categories"), new { name = new { ru = "Х" }, parentId = Guid.CreateVersion7() })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["parentId"]);

        await tenant.Client.PostJson(tenant.Catalog("categories/reorder"), new { ids = new[] { tattoo.Str("id"), hair.Str("id"), nails.Str("id") } }).ShouldBeOk();
        (await tenant.Client.GetAsync(tenant.Catalog("categories")).ShouldBeOk()).Ids()
            .ShouldBe([tattoo.Str("id"), mini.Str("id"), hair.Str("id"), nails.Str("id")]);
        (await tenant.Client.PostJson(tenant.Catalog("categories/reorder"), new { ids = new[] { tattoo.Str("id"), hair.Str("id") } })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["ids"]);

        var service = await tenant.CreateServiceAsync("Маленькая тату", "Small tattoo", categoryId: mini.Str("id"));
        (await tenant.Client.GetAsync(tenant.Catalog($"services?categoryId={tattoo.Str("id")}")).ShouldBeOk()).Ids().ShouldBe([service.Str("id")]);
        await tenant.Client.DeleteAsync(tenant.Catalog($"categories/{tattoo.Str("id")}")).ShouldBeProblem(HttpStatusCode.Conflict);
        (await tenant.Client.DeleteAsync(tenant.Catalog($"categories/{mini.Str("id")}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await tenant.Client.GetAsync(tenant.Catalog($"services/{service.Str("id")}")).ShouldBeOk()).GetProperty("categoryId").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Lists_page_by_cursor_search_both_languages_and_filter()
    {
        var tenant = await CatalogTestTenant.CreateAsync(app);
        var hair = await tenant.CreateCategoryAsync("Стрижки", "Haircuts");
        var created = new List<JsonElement>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(await tenant.CreateServiceAsync($"Стрижка {i}", $"Haircut {i}", amount: $"{1000 + i * 100}", minutes: 30 + i * 10, categoryId: hair.Str("id")));
        }

        var colouring = await tenant.CreateServiceAsync(new
        {
            name = new { ru = "Окрашивание", en = "Colouring" }, price = new { kind = "range", amount = "4000", max = "9000" }, durationMinutes = 120, onlineBookable = false,
        });

        // Every service once, in price order, across pages of three.
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await tenant.Client.GetAsync(tenant.Catalog($"services?sort=price&limit=3{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}")).ShouldBeOk();
            seen.AddRange(page.Ids());
            cursor = page.NextCursor();
            pages++;
        }
        while (cursor is not null);
        pages.ShouldBe(3);
        seen.ShouldBe([.. created.Select(s => s.Str("id")), colouring.Str("id")]);

        var byName = await tenant.Client.GetAsync(tenant.Catalog("services?sort=-name&limit=2")).ShouldBeOk();
        byName.Ids().ShouldBe([created[6].Str("id"), created[5].Str("id")]);

        (await tenant.Client.GetAsync(tenant.Catalog($"services?q={Uri.EscapeDataString("ОКРАШ")}")).ShouldBeOk()).Ids().ShouldBe([colouring.Str("id")]);
        (await tenant.Client.GetAsync(tenant.Catalog("services?q=colour")).ShouldBeOk()).Ids().ShouldBe([colouring.Str("id")]);
        (await tenant.Client.GetAsync(tenant.Catalog($"services?q={Uri.EscapeDataString("стрижка 3")}")).ShouldBeOk()).Ids().ShouldBe([created[3].Str("id")]);
        (await tenant.Client.GetAsync(tenant.Catalog("services?bookable=false")).ShouldBeOk()).Ids().ShouldBe([colouring.Str("id")]);
        (await tenant.Client.GetAsync(tenant.Catalog("services?priceMin=1500&priceMax=5000&sort=price")).ShouldBeOk()).Ids()
            .ShouldBe([created[5].Str("id"), created[6].Str("id"), colouring.Str("id")]);
        (await tenant.Client.GetAsync(tenant.Catalog("services?durationMin=60&durationMax=80&sort=duration")).ShouldBeOk()).Ids()
            .ShouldBe([created[3].Str("id"), created[4].Str("id"), created[5].Str("id")]);
        (await tenant.Client.GetAsync(tenant.Catalog($"services?categoryId={hair.Str("id")}")).ShouldBeOk()).Ids().Count.ShouldBe(7);

        await tenant.Client.PostAsync(tenant.Catalog($"services/{created[0].Str("id")}/archive"), null).ShouldBeOk();
        (await tenant.Client.GetAsync(tenant.Catalog("services?archived=true")).ShouldBeOk()).Ids().ShouldBe([created[0].Str("id")]);
        (await tenant.Client.GetAsync(tenant.Catalog("services?limit=200")).ShouldBeOk()).Ids().ShouldNotContain(created[0].Str("id"));
    }

    [Fact]
    public async Task A_booked_service_is_archived_not_deleted()
    {
        var tenant = await CatalogTestTenant.CreateAsync(app);
        var booked = await tenant.CreateServiceAsync("Педикюр", "Pedicure");
        var never = await tenant.CreateServiceAsync("Снятие покрытия", "Removal");
        var start = DateTimeOffset.UtcNow.AddDays(1);
        var payload = new AppointmentBooked(
            Guid.CreateVersion7(), Guid.CreateVersion7(), null, start, start.AddHours(1),
            [new AppointmentServiceInfo(Guid.Parse(booked.Str("id")), "Педикюр", start, start.AddHours(1))], null, null, "console");
        var integrationEvent = IntegrationEvent.Create(tenant.Id, tenant.Slug, payload, "system:test", DateTimeOffset.UtcNow);
        await EventLogWriter.AppendAsync(app.Services, integrationEvent, integrationEvent);

        var url = tenant.Catalog($"services/{booked.Str("id")}");
        var stamped = await Patience.EventuallyAsync(
            () => tenant.Client.GetAsync(url).ShouldBeOk(), s => s.GetProperty("bookedAt").ValueKind == JsonValueKind.String, "the service is marked booked");
        (await tenant.Client.DeleteAsync(url).ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").ShouldEndWith("/service-booked");
        (await tenant.Client.PostAsync($"{url}/archive", null).ShouldBeOk()).GetProperty("archived").GetBoolean().ShouldBeTrue();
        (await tenant.Client.PostAsync($"{url}/unarchive", null).ShouldBeOk()).GetProperty("archived").GetBoolean().ShouldBeFalse();
        (await tenant.Client.GetAsync(url).ShouldBeOk()).Str("bookedAt").ShouldBe(stamped.Str("bookedAt"));

        (await tenant.Client.DeleteAsync(tenant.Catalog($"services/{never.Str("id")}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await tenant.Client.GetAsync(tenant.Catalog($"services/{never.Str("id")}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_public_catalog_shows_public_fields_only_and_follows_edits()
    {
        var tenant = await CatalogTestTenant.CreateAsync(app);
        var category = await tenant.CreateCategoryAsync("Тату", "Tattoo");
        var tattoo = await tenant.CreateServiceAsync(new
        {
            name = new { ru = "Тату-сеанс", en = "Tattoo session" }, categoryId = category.Str("id"), price = new { kind = "from", amount = "15000" },
            durationMinutes = 240, bufferAfterMinutes = 30, deposit = new { amount = "5000" }, onlineBookable = false, resourceKind = "room",
        });
        var archived = await tenant.CreateServiceAsync("Старая услуга", "Old service");
        await tenant.Client.PostAsync(tenant.Catalog($"services/{archived.Str("id")}/archive"), null).ShouldBeOk();
        var anonymous = app.CreateClient();

        using var first = await anonymous.GetAsync(tenant.Public);
        var catalog = await first.ShouldBe(HttpStatusCode.OK);
        catalog.Str("language").ShouldBe("ru");
        catalog.Str("currency").ShouldBe("RUB");
        catalog.GetProperty("categories").EnumerateArray().Single().Str("name").ShouldBe("Тату");
        var service = catalog.GetProperty("services").EnumerateArray().ShouldHaveSingleItem();
        service.Str("name").ShouldBe("Тату-сеанс");
        service.GetProperty("onlineBookable").GetBoolean().ShouldBeFalse();
        service.GetProperty("deposit").Str("amount").ShouldBe("5000.00");
        service.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["id", "categoryId", "name", "description", "price", "durationMinutes", "deposit", "onlineBookable", "tags", "portfolio"], ignoreOrder: true);
        var etag = first.Headers.ETag!;
        first.Headers.CacheControl!.Public.ShouldBeTrue();

        using (var again = new HttpRequestMessage(HttpMethod.Get, tenant.Public))
        {
            again.Headers.IfNoneMatch.Add(etag);
            (await anonymous.SendAsync(again)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
        }

        (await anonymous.GetAsync($"{tenant.Public}?lang=en").ShouldBeOk()).GetProperty("services")[0].Str("name").ShouldBe("Tattoo session");
        await tenant.Client.PatchJson(tenant.Catalog($"services/{tattoo.Str("id")}"), new { name = new { ru = "Большая тату", en = "Large tattoo" } }).ShouldBeOk();

        using var changed = new HttpRequestMessage(HttpMethod.Get, tenant.Public);
        changed.Headers.IfNoneMatch.Add(etag);
        using var fresh = await anonymous.SendAsync(changed);
        (await fresh.ShouldBe(HttpStatusCode.OK)).GetProperty("services")[0].Str("name").ShouldBe("Большая тату");
        fresh.Headers.ETag.ShouldNotBe(etag);
        (await anonymous.GetAsync($"{tenant.Public}?lang=en").ShouldBeOk()).GetProperty("services")[0].Str("name").ShouldBe("Large tattoo");

        await anonymous.GetAsync($"{tenant.Public}?lang=de").ShouldBeProblem(HttpStatusCode.BadRequest);
        await anonymous.GetAsync($"/api/v1/public/tenants/{Http.Unique("nobody")}/catalog").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_tenants_ids_are_404_on_every_route()
    {
        var a = await CatalogTestTenant.CreateAsync(app);
        var b = await CatalogTestTenant.CreateAsync(app);
        var category = await a.CreateCategoryAsync("Стрижки", "Haircuts");
        var service = await a.CreateServiceAsync("Стрижка", "Haircut", categoryId: category.Str("id"));
        var routes = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, $"categories/{category.Str("id")}", null),
            (HttpMethod.Patch, $"categories/{category.Str("id")}", new { name = new { ru = "Взлом" } }),
            (HttpMethod.Delete, $"categories/{category.Str("id")}", null),
            (HttpMethod.Post, "categories/reorder", new { parentId = category.Str("id"), ids = Array.Empty<string>() }),
            (HttpMethod.Get, $"services/{service.Str("id")}", null),
            (HttpMethod.Patch, $"services/{service.Str("id")}", new { name = new { ru = "Взлом" } }),
            (HttpMethod.Post, $"services/{service.Str("id")}/archive", null),
            (HttpMethod.Post, $"services/{service.Str("id")}/unarchive", null),
            (HttpMethod.Delete, $"services/{service.Str("id")}", null),
        };

        var failures = new List<string>();
        foreach (var (method, path, body) in routes)
        {
            using var request = new HttpRequestMessage(method, b.Catalog(path)) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
            using var response = await b.Client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                failures.Add($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        failures.ShouldBeEmpty();
        (await b.Client.GetAsync(b.Catalog($"services?categoryId={category.Str("id")}")).ShouldBeOk()).Items().ShouldBeEmpty();
        (await b.Client.GetAsync(b.Catalog("services?q=стрижка")).ShouldBeOk()).Items().ShouldBeEmpty();
        var untouched = await a.Client.GetAsync(a.Catalog($"services/{service.Str("id")}")).ShouldBeOk();
        untouched.GetProperty("version").GetInt64().ShouldBe(1);
        untouched.GetProperty("archived").GetBoolean().ShouldBeFalse();
        (await a.Client.GetAsync(a.Catalog($"categories/{category.Str("id")}")).ShouldBeOk()).GetProperty("name").Str("ru").ShouldBe("Стрижки");
    }

    [Fact]
    public async Task A_portfolio_takes_the_tenants_own_pictures_and_shows_them_publicly()
    {
        var tenant = await CatalogTestTenant.CreateAsync(app);
        var other = await CatalogTestTenant.CreateAsync(app);
        var picture = await tenant.Client.UploadAsync(tenant.Slug, TestFiles.Png, "work.png", "image/png");
        var text = await tenant.Client.UploadAsync(tenant.Slug, TestFiles.Text("not a picture"), "notes.txt", "text/plain");
        var foreign = await other.Client.UploadAsync(other.Slug, TestFiles.Png, "theirs.png", "image/png");
        var service = await tenant.CreateServiceAsync("Мини-тату", "Mini tattoo");
        var url = tenant.Catalog($"services/{service.Str("id")}");

        (await tenant.Client.PatchJson(url, new { portfolio = new[] { new { fileId = foreign.Str("id"), caption = (string?)null } } })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["portfolio[0].fileId"]);
        (await tenant.Client.PatchJson(url, new { portfolio = new[] { new { fileId = text.Str("id"), caption = (string?)null } } })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["portfolio[0].fileId"]);
        var changed = await tenant.Client.PatchJson(url, new { portfolio = new[] { new { fileId = picture.Str("id"), caption = (string?)"Роза" } } }).ShouldBeOk();
        changed.GetProperty("portfolio")[0].Str("caption").ShouldBe("Роза");

        var shown = (await app.CreateClient().GetAsync(tenant.Public).ShouldBeOk()).GetProperty("services")[0].GetProperty("portfolio").EnumerateArray().ShouldHaveSingleItem();
        shown.Str("caption").ShouldBe("Роза");
        using var download = await app.CreateClient().GetAsync(shown.Str("url"));
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(TestFiles.Png);
    }

    [Fact]
    public async Task An_employee_reads_the_catalog_but_cannot_change_it()
    {
        var tenant = await CatalogTestTenant.CreateAsync(app);
        var service = await tenant.CreateServiceAsync("Стрижка", "Haircut");
        var user = await app.RegisterAsync();
        await tenant.Client.PostJson($"/api/v1/tenants/{tenant.Slug}/invitations", new { email = user.Email, role = "Employee" }).ShouldBe(HttpStatusCode.Created);
        var employee = user.Client(app);
        await employee.PostAsync($"/api/v1/invitations/{app.Smtp.LastLinkToken(user.Email)}/accept", null).ShouldBe(HttpStatusCode.OK);

        (await employee.GetAsync(tenant.Catalog("services")).ShouldBeOk()).Ids().ShouldBe([service.Str("id")]);
        await employee.PostJson(tenant.Catalog("services"), new { name = new { ru = "Х" } }).ShouldBeProblem(HttpStatusCode.Forbidden);
        await employee.PatchJson(tenant.Catalog($"services/{service.Str("id")}"), new { durationMinutes = 10 }).ShouldBeProblem(HttpStatusCode.Forbidden);
        await employee.DeleteAsync(tenant.Catalog($"services/{service.Str("id")}")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}

public sealed class CatalogTestsOnSqlite(SqliteFactory app) : CatalogTests<SqliteFactory>(app);

public sealed class CatalogTestsOnPostgres(PostgresFactory app) : CatalogTests<PostgresFactory>(app);
