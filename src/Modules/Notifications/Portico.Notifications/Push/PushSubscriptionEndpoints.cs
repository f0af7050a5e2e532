using System.Buffers.Text;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Portico.Kernel.Http;
using Portico.Notifications.Channels;

namespace Portico.Notifications.Push;

/// <summary>The signed-in user's browsers for Web Push: subscribe, unsubscribe; and the VAPID public key browsers subscribe with.</summary>
internal static class PushSubscriptionEndpoints
{
    internal sealed record Keys(string? P256dh, string? Auth);

    /// <summary>The JSON of a browser's <c>PushSubscription</c> (<c>endpoint</c>, <c>expirationTime</c>, <c>keys</c>), or the keys flat beside the endpoint.</summary>
    internal sealed record Request(string? Endpoint, Keys? Keys, string? P256dh, string? Auth, long? ExpirationTime);

    internal sealed record Response(Guid Id, string Endpoint, DateTimeOffset CreatedAt);

    internal sealed record VapidKey(string PublicKey);

    internal sealed class Handler(NotificationsDbContext db, IOptions<NotificationsOptions> options, OutboundPolicy policy)
    {
        public async Task<(Response Subscription, bool Created)> SubscribeAsync(Guid userId, Request request, CancellationToken ct)
        {
            var p256dh = request.Keys?.P256dh ?? request.P256dh;
            var auth = request.Keys?.Auth ?? request.Auth;
            (await new Rules().Required(request.Endpoint, "endpoint").CheckOutboundUrlAsync(policy, request.Endpoint, "endpoint", ct))
                .Check(DecodedLength(p256dh) == 65 && Base64Url.DecodeFromChars(p256dh)[0] == 4, "keys.p256dh", "must be the browser's P-256 public key (65 bytes, base64url).")
                .Check(DecodedLength(auth) == 16, "keys.auth", "must be the 16-byte authentication secret, base64url.")
                .ThrowIfInvalid();

            // An endpoint belongs to one browser profile: whoever subscribes it last owns it.
            var subscription = await db.PushSubscriptions.FirstOrDefaultAsync(s => s.Endpoint == request.Endpoint, ct);
            var created = subscription is null;
            if (subscription is null)
            {
                subscription = new PushSubscription { UserId = userId, Endpoint = request.Endpoint!, P256dh = p256dh!, Auth = auth! };
                db.PushSubscriptions.Add(subscription);
            }
            else
            {
                subscription.UserId = userId;
                subscription.P256dh = p256dh!;
                subscription.Auth = auth!;
            }

            await db.SaveChangesAsync(ct);
            return (new Response(subscription.Id, subscription.Endpoint, subscription.CreatedAt), created);
        }

        public async Task UnsubscribeAsync(Guid userId, Guid? id, string? endpoint, CancellationToken ct)
        {
            var subscription = await db.PushSubscriptions.FirstOrDefaultAsync(s => s.UserId == userId && (s.Id == id || s.Endpoint == endpoint), ct)
                ?? throw new NotFoundException("Push subscription", (object?)id ?? endpoint ?? "");
            db.PushSubscriptions.Remove(subscription);
            await db.SaveChangesAsync(ct);
        }

        public VapidKey PublicKey() => options.Value.WebPush.PublicKey is { Length: > 0 } key
            ? new VapidKey(key)
            : throw new NotFoundException("Web Push key", "of this server (Web Push is not configured)");

        private static int DecodedLength(string? value)
        {
            if (string.IsNullOrEmpty(value) || value.Length > 200)
            {
                return -1;
            }

            try
            {
                return Base64Url.DecodeFromChars(value.TrimEnd('=')).Length;
            }
            catch (FormatException)
            {
                return -1;
            }
        }
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        var profile = api.MapGroup("/profile/push-subscriptions").RequireAuthorization(Policies.Authenticated).WithTags("Notifications");
        profile.MapPost("/", async Task<Results<Created<Response>, Ok<Response>>> (Request request, ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
            {
                var (subscription, created) = await handler.SubscribeAsync(principal.UserId(), request, ct);
                return created ? TypedResults.Created($"/api/v1/profile/push-subscriptions/{subscription.Id}", subscription) : TypedResults.Ok(subscription);
            })
            .WithName("SubscribeToPush").WithSummary("Register this browser's push subscription (the JSON of PushSubscription)");
        profile.MapDelete("/{id:guid}", async Task<NoContent> (Guid id, ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
            {
                await handler.UnsubscribeAsync(principal.UserId(), id, null, ct);
                return TypedResults.NoContent();
            })
            .WithName("UnsubscribeFromPushById").WithSummary("Remove one of my push subscriptions");
        profile.MapDelete("/", async Task<NoContent> (string endpoint, ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
            {
                await handler.UnsubscribeAsync(principal.UserId(), null, endpoint, ct);
                return TypedResults.NoContent();
            })
            .WithName("UnsubscribeFromPush").WithSummary("Remove my push subscription with this endpoint (?endpoint=)");

        api.MapGet("/public/push/vapid-public-key", (Handler handler) => TypedResults.Ok(handler.PublicKey()))
            .AllowAnonymous().WithTags("Public")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetVapidPublicKey").WithSummary("The server's VAPID public key, for PushManager.subscribe({ applicationServerKey })");
    }
}
