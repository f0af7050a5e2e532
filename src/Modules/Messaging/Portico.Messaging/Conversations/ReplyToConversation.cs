using System.Text.Json.Nodes;
using Portico.Kernel.Tenancy;

namespace Portico.Messaging.Conversations;

/// <summary>A member answers a conversation: sent through the Bot API (retried on 429 after <c>retry_after</c>), stored with Telegram's message id.</summary>
internal static class ReplyToConversation
{
    internal sealed record Request(string? Text, JsonObject? ReplyMarkup);

    [RequiresPermission(MessagingPermissions.Reply)]
    internal sealed class Handler(MessagingDbContext db, BotSender sender, RequestContext context)
    {
        public async Task<MessageView> HandleAsync(Guid id, Request request, CancellationToken cancellationToken)
        {
            new Rules().Check(!string.IsNullOrWhiteSpace(request.Text) && request.Text.Length <= 4096, "text", "must be 1 to 4096 characters.")
                .Check(request.ReplyMarkup is null || request.ReplyMarkup.ToJsonString().Length <= 10000, "replyMarkup", "must be at most 10 000 characters of JSON.")
                .ThrowIfInvalid();
            var conversation = await db.FindConversationAsync(id, cancellationToken);
            var message = await sender.SendAsync(conversation, request.Text!, request.ReplyMarkup, context.Actor, answersTheUser: true, cancellationToken);
            if (message.DeliveryStatus != DeliveryStatuses.Sent)
            {
                throw new ConflictException($"Telegram refused the message: {message.Error}", "telegram-refused");
            }

            return MessageView.From(message);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/conversations/{id:guid}/messages", async Task<Created<MessageView>> (Guid id, Request request, Handler handler, RequestContext context, CancellationToken ct) =>
        {
            var message = await handler.HandleAsync(id, request, ct);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/conversations/{id}/messages", message);
        })
        .WithName("ReplyToConversation")
        .WithRequestExample(new { text = "Добрый день! Свободно завтра в 12:00.", replyMarkup = new { inline_keyboard = new[] { new[] { new { text = "Записаться", callback_data = "book" } } } } })
        .WithSummary("Answer a conversation through the bot (Telegram's 429 waits are honoured; a refusal is a 409 and the message is stored as failed)");
}

/// <summary>Assigning, closing, reopening and reading a conversation.</summary>
internal static class ChangeConversation
{
    internal sealed record AssignRequest(Guid? AssigneeId);

    internal sealed record TagsRequest(string[]? Tags);

    [RequiresPermission(MessagingPermissions.Reply)]
    internal sealed class Handler(MessagingDbContext db, RequestContext context, Portico.Tenancy.Contracts.IMembershipDirectory members)
    {
        public async Task<ConversationView> AssignAsync(Guid id, AssignRequest request, CancellationToken cancellationToken)
        {
            var conversation = await db.FindConversationAsync(id, cancellationToken);
            if (request.AssigneeId is { } assignee
                && !(await members.ListMembersAsync(context.RequiredTenantId, null, cancellationToken)).Any(m => m.UserId == assignee))
            {
                throw new ValidationException(new Dictionary<string, string[]> { ["assigneeId"] = ["must be a member of the tenant."] });
            }

            conversation.AssigneeId = request.AssigneeId;
            return await SaveAsync(conversation, cancellationToken);
        }

        public async Task<ConversationView> SetStatusAsync(Guid id, string status, CancellationToken cancellationToken)
        {
            var conversation = await db.FindConversationAsync(id, cancellationToken);
            conversation.Status = status;
            return await SaveAsync(conversation, cancellationToken);
        }

        /// <summary>Replaces the tags of the conversation's user (broadcast segments pick users by tag).</summary>
        public async Task<ConversationView> SetTagsAsync(Guid id, TagsRequest request, CancellationToken cancellationToken)
        {
            new Rules().Check(request.Tags is { Length: <= 20 } && request.Tags.All(ChatTags.IsValid), "tags", "must be at most 20 tags of 1 to 50 letters, digits, '-' or '_'.").ThrowIfInvalid();
            var conversation = await db.FindConversationAsync(id, cancellationToken);
            var user = await db.ChatUsers.FirstAsync(u => u.Id == conversation.ChatUserId, cancellationToken);
            user.Tags = ChatTags.Store(request.Tags!);
            return await SaveAsync(conversation, cancellationToken);
        }

        public async Task<ConversationView> MarkReadAsync(Guid id, CancellationToken cancellationToken)
        {
            var conversation = await db.FindConversationAsync(id, cancellationToken);
            conversation.UnreadCount = 0;
            return await SaveAsync(conversation, cancellationToken);
        }

        private async Task<ConversationView> SaveAsync(Conversation conversation, CancellationToken cancellationToken)
        {
            await db.SaveChangesAsync(cancellationToken);
            return await db.ViewOfAsync(conversation, cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants.MapPost("/{tenant}/conversations/{id:guid}/assign", async Task<Ok<ConversationView>> (Guid id, AssignRequest request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.AssignAsync(id, request, ct)))
            .WithName("AssignConversation")
            .WithSummary("Give a conversation to a member (assigneeId null: to nobody)");
        tenants.MapPost("/{tenant}/conversations/{id:guid}/close", async Task<Ok<ConversationView>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.SetStatusAsync(id, ConversationStatuses.Closed, ct)))
            .WithName("CloseConversation")
            .WithSummary("Close a conversation (a new message from the user opens it again)");
        tenants.MapPost("/{tenant}/conversations/{id:guid}/reopen", async Task<Ok<ConversationView>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.SetStatusAsync(id, ConversationStatuses.Open, ct)))
            .WithName("ReopenConversation")
            .WithSummary("Open a closed conversation again");
        tenants.MapPut("/{tenant}/conversations/{id:guid}/tags", async Task<Ok<ConversationView>> (Guid id, TagsRequest request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.SetTagsAsync(id, request, ct)))
            .WithName("TagConversationUser")
            .WithRequestExample(new { tags = (string[])["vip", "tattoo"] })
            .WithSummary("Replace the tags of the conversation's Telegram user (lower-cased; broadcast segments select by them)");
        tenants.MapPost("/{tenant}/conversations/{id:guid}/read", async Task<Ok<ConversationView>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.MarkReadAsync(id, ct)))
            .WithName("MarkConversationRead")
            .WithSummary("Mark a conversation's messages read");
    }
}
