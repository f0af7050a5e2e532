using Microsoft.Extensions.DependencyInjection;
using Portico.Identity.Contracts;
using Portico.Kernel.Events;
using Portico.Kernel.Mail;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;
using Portico.Webhooks.Endpoints;

namespace Portico.Webhooks.Dispatch;

/// <summary>Emails every Owner of the tenant that an endpoint was disabled. Public because the message bus builds it.</summary>
public sealed class WebhookDisabledNotifier(IServiceScopeFactory scopes) : IQueueHandler
{
    public Task HandleAsync(NotifyWebhookDisabled message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return scopes.RunAsync(message.TenantId, message.TenantSlug, $"system:{EventFanOut.Actor}",
            sp => sp.GetRequiredService<DisabledEndpointMail.Handler>().HandleAsync(message, cancellationToken));
    }
}

internal static class DisabledEndpointMail
{
    internal sealed class Handler(WebhooksDbContext db, IMembershipDirectory members, IUserDirectory users, IMailSender mail)
    {
        /// <summary>Returns how many emails went out: none when the endpoint was deleted or turned back on meanwhile.</summary>
        public async Task<int> HandleAsync(NotifyWebhookDisabled message, CancellationToken cancellationToken)
        {
            var endpoint = await db.Endpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == message.EndpointId, cancellationToken);
            if (endpoint is null || endpoint.Enabled)
            {
                return 0;
            }

            var owners = await members.ListMembersAsync(message.TenantId, [Roles.Owner], cancellationToken);
            var people = await users.FindByIdsAsync(owners.Select(o => o.UserId).ToList(), cancellationToken);
            foreach (var person in people)
            {
                await mail.SendAsync(Compose(person, endpoint, message.TenantSlug), cancellationToken);
            }

            return people.Count;
        }
    }

    internal static OutgoingMail Compose(UserInfo owner, WebhookEndpoint endpoint, string slug)
    {
        var reason = endpoint.DisabledReason ?? "";
        var api = $"/api/v1/tenants/{slug}/webhooks/{endpoint.Id}";
        return owner.Locale.StartsWith("ru", StringComparison.Ordinal)
            ? new OutgoingMail(owner.Email, $"Вебхук отключён: {endpoint.Url}",
                $"Здравствуйте, {owner.FullName}!\n\n"
                + $"Portico перестал отправлять события на адрес вебхука\n{endpoint.Url}\nв «{slug}»: он слишком долго не отвечает успешно.\n\n"
                + $"{reason}\n\n"
                + "Исправьте приёмник, затем снова включите вебхук (PATCH " + api + " с {\"enabled\": true}) "
                + "и повторите пропущенные события из списка доставок (" + api + "/deliveries?status=failed).\n",
                ToName: owner.FullName)
            : new OutgoingMail(owner.Email, $"Webhook endpoint disabled: {endpoint.Url}",
                $"Hello {owner.FullName},\n\n"
                + $"Portico stopped sending events to the webhook endpoint\n{endpoint.Url}\nof {slug}, because it kept failing.\n\n"
                + $"{reason}\n\n"
                + "Fix the receiver, then turn the endpoint back on (PATCH " + api + " with {\"enabled\": true}) "
                + "and redeliver the events it missed from its delivery list (" + api + "/deliveries?status=failed).\n",
                ToName: owner.FullName);
    }
}
