using System.Buffers.Text;
using System.Security.Cryptography;
using Portico.Crm.Records;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;
using Portico.Crm.Contracts;

namespace Portico.Crm.Forms;

/// <summary>Web forms: the tenant's settings under <c>/tenants/{tenant}/crm/forms</c>, and the public side anyone may reach.</summary>
internal static class FormEndpoints
{
    public static void Map(IEndpointRouteBuilder api, RouteGroupBuilder tenants)
    {
        CreateForm.Map(tenants);
        ListForms.Map(tenants);
        GetForm.Map(tenants);
        UpdateForm.Map(tenants);
        DeleteForm.Map(tenants);
        GetPublicForm.Map(api);
        SubmitForm.Map(api);
        FormScript.Map(api);
    }
}

internal static class CreateForm
{
    [RequiresPermission(CrmPermissions.Settings)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, FormWriter writer, PublicLinks links)
    {
        public async Task<FormView> HandleAsync(FormInput input, CancellationToken cancellationToken)
        {
            var form = new WebForm { TenantId = access.TenantId, Key = NewKey(), Name = "" };
            await writer.ApplyAsync(form, input, creating: true, cancellationToken);
            db.Forms.Add(form);
            await db.SaveChangesAsync(cancellationToken);
            return FormView.From(form, links);
        }

        /// <summary>128 random bits as 22 URL-safe characters: the key is public in the embed code, but nobody can guess another form's.</summary>
        private static string NewKey() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/crm/forms", async Task<Created<FormView>> (FormInput input, Handler handler, RequestContext context, HttpContext http, CancellationToken ct) =>
        {
            var form = await handler.HandleAsync(input, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(form.Version);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/crm/forms/{form.Id}", form);
        })
        .WithName("CreateWebForm")
        .WithSummary("Create a web form for websites: fields mapped to lead fields, consent text, thank-you message, allowed origins; the answer has its embed code");
}

internal static class ListForms
{
    private static readonly SortFields<WebForm> Sorts = new SortFields<WebForm>("-createdAt")
        .Add("createdAt", f => f.CreatedAt)
        .Add("name", f => f.Name);

    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, PublicLinks links)
    {
        public async Task<Page<FormView>> HandleAsync(bool? enabled, PageRequest page, CancellationToken cancellationToken)
        {
            var query = db.Forms.AsNoTracking();
            if (enabled is { } on)
            {
                query = query.Where(f => f.Enabled == on);
            }

            return (await query.ToPageAsync(page, Sorts, cancellationToken)).Map(f => FormView.From(f, links));
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/forms", async Task<Ok<Page<FormView>>> (bool? enabled, int? limit, string? cursor, string? sort, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(enabled, PageRequest.From(limit, cursor, sort), ct)))
        .WithName("ListWebForms")
        .WithSummary("The tenant's web forms (filter: enabled; sort: createdAt, name)");
}

internal static class GetForm
{
    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, PublicLinks links)
    {
        public async Task<FormView> HandleAsync(Guid id, CancellationToken cancellationToken) =>
            FormView.From(await FindAsync(db, id, cancellationToken), links);
    }

    public static async Task<WebForm> FindAsync(CrmDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Forms.FirstOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw new NotFoundException("Form", id);

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/forms/{id:guid}", async Task<Ok<FormView>> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var form = await handler.HandleAsync(id, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(form.Version);
            return TypedResults.Ok(form);
        })
        .WithName("GetWebForm")
        .WithSummary("A web form, with its embed code and submission count");
}

internal static class UpdateForm
{
    [RequiresPermission(CrmPermissions.Settings)]
    internal sealed class Handler(CrmDbContext db, FormWriter writer, PublicLinks links)
    {
        public async Task<FormView> HandleAsync(Guid id, FormInput input, long? expectedVersion, CancellationToken cancellationToken)
        {
            var form = await GetForm.FindAsync(db, id, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, form.Version);
            await writer.ApplyAsync(form, input, creating: false, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return FormView.From(form, links);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}/crm/forms/{id:guid}", async Task<Ok<FormView>> (Guid id, FormInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var form = await handler.HandleAsync(id, input, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(form.Version);
            return TypedResults.Ok(form);
        })
        .WithName("UpdateWebForm")
        .WithSummary("Change a web form (merge patch; the empty id clears pipelineId, stageId or assigneeId; send If-Match to avoid lost updates)");
}

internal static class DeleteForm
{
    [RequiresPermission(CrmPermissions.Settings)]
    internal sealed class Handler(CrmDbContext db)
    {
        /// <summary>Removes the form; its leads stay and keep its id as where they came from.</summary>
        public async Task HandleAsync(Guid id, long? expectedVersion, CancellationToken cancellationToken)
        {
            var form = await GetForm.FindAsync(db, id, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, form.Version);
            db.Forms.Remove(form);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapDelete("/{tenant}/crm/forms/{id:guid}", async Task<NoContent> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            await handler.HandleAsync(id, http.Request.ExpectedVersion(), ct);
            return TypedResults.NoContent();
        })
        .WithName("DeleteWebForm")
        .WithSummary("Delete a web form: its embed code stops working at once; the leads it brought stay");
}
