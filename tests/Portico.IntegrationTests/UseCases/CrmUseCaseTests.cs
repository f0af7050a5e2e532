using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portico.Crm.Contacts;
using Portico.Crm.Leads;
using Portico.Crm.Pipelines;
using Portico.Crm.Records;
using Portico.IntegrationTests.Crm;
using Portico.IntegrationTests.Infrastructure;
using Portico.Kernel.Errors;
using Portico.Kernel.Http;
using Portico.Kernel.Tenancy;

namespace Portico.IntegrationTests.UseCases;

/// <summary>
/// Use cases called as plain code, without HTTP: a scope of the real host's services, the caller's
/// context filled the way the API and the console fill it, then the handler itself.
/// </summary>
public abstract class CrmUseCaseTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    /// <summary>A scope whose <see cref="RequestContext"/> holds <paramref name="member"/>'s access to the tenant.</summary>
    private async Task<AsyncServiceScope> ScopeAsAsync(CrmTestTenant tenant, CrmMember member)
    {
        var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.SetUser(Guid.Parse(member.Id));
        var access = await scope.ServiceProvider.GetRequiredService<ITenantAccessResolver>()
            .ResolveAsync(tenant.Slug, Guid.Parse(member.Id), platformAdmin: false, CancellationToken.None);
        access.ShouldNotBeNull($"{member.Id} in {tenant.Slug}");
        context.SetAccess(access);
        return scope;
    }

    private static ContactInput Contact(string email) =>
        new(null, null, "Anna", "Petrova", null, null, [email], null, null, null, "test", null, null, null, null);

    [Fact]
    public async Task A_contact_is_created_by_calling_the_handler()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var email = $"{Guid.NewGuid():N}@example.com";
        await using (var scope = await ScopeAsAsync(tenant, tenant.Owner))
        {
            var (contact, matched) = await scope.ServiceProvider.GetRequiredService<CreateContact.Handler>().HandleAsync(Contact(email), CancellationToken.None);
            matched.ShouldBeFalse();
            contact.Name.ShouldBe("Anna Petrova");
        }

        // The API sees what the plain call wrote.
        var list = await tenant.Client.GetAsync(tenant.Crm($"contacts?q={email}")).ShouldBeOk();
        list.GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_lead_moves_to_another_stage_through_the_handler()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var lead = await tenant.CreateLeadAsync(new { title = "Move me", contactName = "Ivan" });
        var pipeline = await tenant.DefaultPipelineAsync("lead");
        var target = Guid.Parse(pipeline.GetProperty("stages")[1].Str("id"));
        await using (var scope = await ScopeAsAsync(tenant, tenant.Owner))
        {
            await scope.ServiceProvider.GetRequiredService<MoveCard.Handler>()
                .HandleAsync(RecordTypes.Lead, Guid.Parse(lead.Str("id")), new MoveCard.Request(target, 0, null), CancellationToken.None);
            var moved = await scope.ServiceProvider.GetRequiredService<GetLead.Handler>().HandleAsync(Guid.Parse(lead.Str("id")), CancellationToken.None);
            moved.StageId.ShouldBe(target);
        }
    }

    [Fact]
    public async Task A_handler_whose_permission_the_role_lacks_cannot_be_resolved_while_platform_scope_passes()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var employee = await tenant.AddMemberAsync(Roles.Employee);
        await using (var scope = await ScopeAsAsync(tenant, employee))
        {
            // crm.delete is not an Employee's: the use case refuses before it runs, whoever calls it.
            var refused = Should.Throw<ForbiddenException>(() => scope.ServiceProvider.GetRequiredService<DeleteLead.Handler>());
            refused.Code.ShouldBe("permission-denied");
            scope.ServiceProvider.GetRequiredService<CreateContact.Handler>().ShouldNotBeNull();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Without any caller the handler is not even resolvable; platform work (CLI verbs, jobs) passes.
            Should.Throw<UnauthorizedException>(() => scope.ServiceProvider.GetRequiredService<DeleteLead.Handler>());
            scope.ServiceProvider.GetRequiredService<RequestContext>().EnterPlatformScope();
            scope.ServiceProvider.GetRequiredService<DeleteLead.Handler>().ShouldNotBeNull();
        }
    }

    [Fact]
    public void Every_tenant_endpoint_requires_a_permission_or_is_explicitly_open_to_members()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<TenantScoped>() is not null)
            .ToList();

        endpoints.Count.ShouldBeGreaterThan(50);
        endpoints
            .Where(e => e.Metadata.GetMetadata<PermissionRequirement>() is null && e.Metadata.GetMetadata<AnyMember>() is null)
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])} {e.RoutePattern.RawText}")
            .ShouldBeEmpty();
    }
}

public sealed class CrmUseCasesOnSqlite(SqliteFactory app) : CrmUseCaseTests<SqliteFactory>(app);

public sealed class CrmUseCasesOnPostgres(PostgresFactory app) : CrmUseCaseTests<PostgresFactory>(app);
