namespace Portico.Tenancy.Tenants;

/// <summary>
/// Before a tenant is created: the slug its name would get, or whether a chosen slug is valid and free. A hint for
/// forms only; <see cref="CreateTenant"/> decides again at its unique index.
/// </summary>
internal static class SlugAvailability
{
    /// <summary>The slug checked (asked about, or made from the name), whether it is valid and free, and why not.</summary>
    internal sealed record Response(string Slug, bool Available, string? Problem);

    internal sealed class Handler(TenancyDbContext db)
    {
        public async Task<Response> HandleAsync(string? name, string? slug, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(slug))
            {
                if (string.IsNullOrWhiteSpace(name))
                {
                    throw ValidationException.For("name", "give a name or a slug.");
                }

                // What CreateTenant does without a slug: the name's slug, numbered when it is taken.
                var candidate = TenantRules.SlugFrom(name);
                var taken = await db.Tenants.Where(t => t.Slug == candidate || t.Slug.StartsWith(candidate + "-")).Select(t => t.Slug).ToListAsync(ct);
                var free = candidate;
                for (var n = 2; taken.Contains(free); n++)
                {
                    free = $"{candidate}-{n}";
                }

                return new Response(free, true, null);
            }

            slug = slug.Trim();
            try
            {
                new Rules().CheckSlug(slug).ThrowIfInvalid();
            }
            catch (ValidationException invalid)
            {
                return new Response(slug, false, string.Join(" ", invalid.Errors.SelectMany(e => e.Value)));
            }

            return await db.Tenants.AnyAsync(t => t.Slug == slug, ct)
                ? new Response(slug, false, $"The slug '{slug}' is taken.")
                : new Response(slug, true, null);
        }
    }

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapGet("/tenants/slug-availability", async Task<Ok<Response>> (string? name, string? slug, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(name, slug, ct)))
        .RequireAuthorization(Policies.Authenticated)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .WithName("SlugAvailability")
        .WithSummary("The slug a new tenant named `name` would get, or whether `slug` is valid and free")
        .WithTags("Tenants");
}
