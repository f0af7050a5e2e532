using Portico.Catalog.Public;
using Portico.Catalog.Services;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;

namespace Portico.Catalog.Categories;

/// <summary>A category as the API shows it.</summary>
internal sealed record CategoryView(Guid Id, CatalogText Name, Guid? ParentId, int Position, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static CategoryView From(Category c) => new(c.Id, new CatalogText(c.NameEn, c.NameRu), c.ParentId, c.Position, c.CreatedAt, c.UpdatedAt, c.Version);
}

/// <summary>
/// The writable fields of a category. On update a merge patch: <c>parentId</c> of all zeros makes it top-level again.
/// </summary>
internal sealed record CategoryInput(CatalogText? Name, Guid? ParentId, int? Position);

/// <summary>The rules of categories: names, and nesting one level deep only.</summary>
internal sealed class CategoryWriter(CatalogDbContext db, RequestContext request, PublicCatalogCache cache)
{
    public async Task ApplyAsync(Category category, CategoryInput input, bool creating, CancellationToken cancellationToken)
    {
        var rules = new Rules();
        if (input.Name is { } name)
        {
            ServiceWriter.CheckText(rules, "name", name, CatalogLimits.Name);
            rules.Check(!string.IsNullOrWhiteSpace(name.En) || !string.IsNullOrWhiteSpace(name.Ru), "name", "needs a name in at least one language (en or ru).");
        }
        else
        {
            rules.Check(!creating, "name", "is required (en, ru or both).");
        }

        rules.Check(input.Position is null or >= 0, "position", "must not be negative.");
        var parentId = input.ParentId is null ? category.ParentId : input.ParentId == Guid.Empty ? null : input.ParentId;
        if (input.ParentId is { } p && p != Guid.Empty)
        {
            var parent = await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == p, cancellationToken);
            rules.Check(parent is not null, "parentId", "is not a category of this tenant.");
            rules.Check(p != category.Id, "parentId", "cannot be the category itself.");
            // One level only: a parent must be top-level, and a category with children stays top-level.
            rules.Check(parent is null || parent.ParentId is null, "parentId", "names a subcategory; categories nest one level only.");
            rules.Check(creating || !await db.Categories.AnyAsync(c => c.ParentId == category.Id, cancellationToken), "parentId",
                "this category has subcategories; categories nest one level only.");
        }

        rules.ThrowIfInvalid();
        if (input.Name is { } n)
        {
            (category.NameEn, category.NameRu) = (ServiceWriter.Clean(n.En), ServiceWriter.Clean(n.Ru));
        }

        if (creating || parentId != category.ParentId)
        {
            category.ParentId = parentId;
            category.Position = input.Position
                ?? await db.Categories.Where(c => c.ParentId == parentId && c.Id != category.Id).Select(c => (int?)c.Position).MaxAsync(cancellationToken) + 1
                ?? 0;
        }
        else if (input.Position is { } position)
        {
            category.Position = position;
        }
    }

    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await cache.EvictAsync(request.TenantId!.Value);
    }
}

internal static class CreateCategory
{
    [RequiresPermission(CatalogPermissions.Manage)]
    internal sealed class Handler(CatalogDbContext db, CategoryWriter writer)
    {
        public async Task<CategoryView> HandleAsync(CategoryInput input, CancellationToken cancellationToken)
        {
            var category = new Category();
            await writer.ApplyAsync(category, input, creating: true, cancellationToken);
            db.Categories.Add(category);
            await writer.SaveAsync(cancellationToken);
            return CategoryView.From(category);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/catalog/categories", async Task<Created<CategoryView>> (CategoryInput input, Handler handler, RequestContext context, HttpContext http, CancellationToken ct) =>
        {
            var category = await handler.HandleAsync(input, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(category.Version);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/catalog/categories/{category.Id}", category);
        })
        .WithName("CreateCategory")
        .WithRequestExample(new { name = new { en = "Haircuts", ru = "Стрижки" } })
        .WithSummary("Add a category (top-level, or under a top-level parent: one level of nesting); it goes last among its siblings unless a position is given");
}

internal static class ListCategories
{
    [RequiresPermission(CatalogPermissions.Read)]
    internal sealed class Handler(CatalogDbContext db)
    {
        /// <summary>Every category, top-level ones in order, each followed by its subcategories in order.</summary>
        public async Task<Page<CategoryView>> HandleAsync(CancellationToken cancellationToken)
        {
            var all = await db.Categories.AsNoTracking().ToListAsync(cancellationToken);
            var children = all.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId);
            var ordered = all.Where(c => c.ParentId is null).OrderBy(c => c.Position).ThenBy(c => c.Id)
                .SelectMany(top => children[top.Id].OrderBy(c => c.Position).ThenBy(c => c.Id).Prepend(top));
            return new Page<CategoryView>([.. ordered.Select(CategoryView.From)], null);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/catalog/categories", async Task<Ok<Page<CategoryView>>> (Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(ct)))
        .WithName("ListCategories")
        .WithSummary("All categories in menu order: each top-level category followed by its subcategories (one page; a catalog has dozens, not thousands)");
}

internal static class GetCategory
{
    [RequiresPermission(CatalogPermissions.Read)]
    internal sealed class Handler(CatalogDbContext db)
    {
        public async Task<CategoryView> HandleAsync(Guid id, CancellationToken cancellationToken) => CategoryView.From(await db.FindCategoryAsync(id, cancellationToken));
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/catalog/categories/{id:guid}", async Task<Ok<CategoryView>> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var category = await handler.HandleAsync(id, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(category.Version);
            return TypedResults.Ok(category);
        })
        .WithName("GetCategory")
        .WithSummary("A category");
}

internal static class UpdateCategory
{
    [RequiresPermission(CatalogPermissions.Manage)]
    internal sealed class Handler(CatalogDbContext db, CategoryWriter writer)
    {
        public async Task<CategoryView> HandleAsync(Guid id, CategoryInput input, long? expectedVersion, CancellationToken cancellationToken)
        {
            var category = await db.FindCategoryAsync(id, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, category.Version);
            await writer.ApplyAsync(category, input, creating: false, cancellationToken);
            await writer.SaveAsync(cancellationToken);
            return CategoryView.From(category);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}/catalog/categories/{id:guid}", async Task<Ok<CategoryView>> (Guid id, CategoryInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var category = await handler.HandleAsync(id, input, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(category.Version);
            return TypedResults.Ok(category);
        })
        .WithName("UpdateCategory")
        .WithSummary("Rename or move a category (merge patch; parentId of all zeros makes it top-level; send If-Match to avoid lost updates)");
}

internal static class DeleteCategory
{
    [RequiresPermission(CatalogPermissions.Manage)]
    internal sealed class Handler(CatalogDbContext db, CategoryWriter writer)
    {
        /// <summary>Deletes an empty-of-subcategories category; its services stay, without a category.</summary>
        public async Task HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var category = await db.FindCategoryAsync(id, cancellationToken);
            if (await db.Categories.AnyAsync(c => c.ParentId == id, cancellationToken))
            {
                throw new ConflictException("The category has subcategories; delete or move them first.", "category-has-subcategories");
            }

            foreach (var service in await db.Services.Where(s => s.CategoryId == id).ToListAsync(cancellationToken))
            {
                service.CategoryId = null;
            }

            db.Categories.Remove(category);
            await writer.SaveAsync(cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapDelete("/{tenant}/catalog/categories/{id:guid}", async Task<NoContent> (Guid id, Handler handler, CancellationToken ct) =>
        {
            await handler.HandleAsync(id, ct);
            return TypedResults.NoContent();
        })
        .WithName("DeleteCategory")
        .WithSummary("Delete a category without subcategories (409 category-has-subcategories otherwise); its services stay, uncategorized");
}

internal static class ReorderCategories
{
    /// <summary>All the categories under one parent (or all top-level ones), in their new order.</summary>
    internal sealed record Request(Guid? ParentId, IReadOnlyList<Guid>? Ids);

    [RequiresPermission(CatalogPermissions.Manage)]
    internal sealed class Handler(CatalogDbContext db, CategoryWriter writer)
    {
        public async Task<Page<CategoryView>> HandleAsync(Request request, CancellationToken cancellationToken)
        {
            var ids = request.Ids ?? [];
            var parentId = request.ParentId == Guid.Empty ? null : request.ParentId;
            if (parentId is { } p)
            {
                await db.FindCategoryAsync(p, cancellationToken);
            }

            var siblings = await db.Categories.Where(c => c.ParentId == parentId).ToListAsync(cancellationToken);
            new Rules()
                .Check(ids.Distinct().Count() == ids.Count, "ids", "names a category twice.")
                .Check(ids.Count == siblings.Count && siblings.All(s => ids.Contains(s.Id)), "ids", "must list every category under this parent exactly once.")
                .ThrowIfInvalid();
            foreach (var sibling in siblings)
            {
                var position = ids.ToList().IndexOf(sibling.Id);
                if (sibling.Position != position)
                {
                    sibling.Position = position;
                }
            }

            await writer.SaveAsync(cancellationToken);
            return new Page<CategoryView>([.. siblings.OrderBy(s => s.Position).Select(CategoryView.From)], null);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/catalog/categories/reorder", async Task<Ok<Page<CategoryView>>> (Request request, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(request, ct)))
        .WithName("ReorderCategories")
        .WithSummary("Put the categories under one parent (parentId; none for the top level) in a new order: ids lists each of them once");
}
