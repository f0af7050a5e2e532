using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.WorkOrders.Orders;

/// <summary>
/// A client's car in the workshop: which contact and vehicle (their names kept as they were, so lists and the board
/// need no other module), the services on it (<see cref="WorkOrderLine"/>), the chain of stages built from their
/// templates (<see cref="WorkOrderStage"/>), the parts (<see cref="WorkOrderPart"/>), the status
/// (<see cref="WorkOrderStatuses"/>) and the totals, kept up to date by <see cref="WorkOrderTotals"/> on every change.
/// All money is in minor units of <see cref="Currency"/>, net of VAT unless named otherwise.
/// </summary>
internal sealed class WorkOrder : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    /// <summary>1, 2, 3… per tenant: what people say on the phone ("заказ-наряд 128").</summary>
    public long Number { get; set; }

    public string Status { get; set; } = WorkOrderStatuses.Draft;

    public Guid ContactId { get; set; }

    public string ContactName { get; set; } = "";

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }

    public Guid VehicleId { get; set; }

    /// <summary>Make, model and plate as one line («Лада 2109 · А123ВС77»).</summary>
    public string VehicleLabel { get; set; } = "";

    /// <summary>The odometer when the car came in, in the vehicle's unit.</summary>
    public long? Odometer { get; set; }

    /// <summary>What the client says is wrong, in their words.</summary>
    public string? Complaint { get; set; }

    /// <summary>Notes for the workshop only.</summary>
    public string? Notes { get; set; }

    public string Currency { get; set; } = "";

    /// <summary>The mechanic of the whole order (a member's user id); stages without their own take this one.</summary>
    public Guid? MechanicId { get; set; }

    /// <summary>When the car is booked in (status scheduled) and when it is promised back.</summary>
    public DateTimeOffset? ScheduledAt { get; set; }

    public DateTimeOffset? PromisedAt { get; set; }

    public DateTimeOffset StatusChangedAt { get; set; }

    public DateTimeOffset? EstimateSentAt { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    /// <summary>Who approved: <c>client</c> through the signed link, or the member's actor string.</summary>
    public string? ApprovedBy { get; set; }

    /// <summary>The client's IP address and browser when they decided on the estimate.</summary>
    public string? ApprovalAddress { get; set; }

    public string? ApprovalUserAgent { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? ReadyAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>Labour and parts net of discounts and VAT (declined lines left out).</summary>
    public long LabourMinor { get; set; }

    public long PartsMinor { get; set; }

    public long DiscountMinor { get; set; }

    public long VatMinor { get; set; }

    /// <summary>What the client pays: labour + parts − discounts + VAT.</summary>
    public long TotalMinor { get; set; }

    /// <summary>Stages in the chain and how many are done or skipped: the progress bar without loading the stages.</summary>
    public int StageCount { get; set; }

    public int StagesDone { get; set; }

    /// <summary>Progress from the order's whole chain: how many stages, and how many are done or skipped.</summary>
    public void CountStages(IReadOnlyCollection<WorkOrderStage> stages)
    {
        StageCount = stages.Count;
        StagesDone = stages.Count(s => !StageStatuses.IsOpen(s.Status));
    }
}

/// <summary>
/// A service on an order: the repair service and the template version its stages came from, or a free labour line
/// (no service). Its price is copied when added, so changing the service's price later changes no order. The client
/// approves or declines each line on the estimate; a declined line's stages are skipped and its parts released.
/// </summary>
internal sealed class WorkOrderLine : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid OrderId { get; set; }

    public int Position { get; set; }

    /// <summary>The Catalog service id of the repair service, or null for a free line.</summary>
    public Guid? ServiceId { get; set; }

    public int? TemplateVersion { get; set; }

    public string? NameEn { get; set; }

    public string? NameRu { get; set; }

    /// <summary>The labour price net of VAT (a fixed price, or rate × hours as the service had it).</summary>
    public long LabourMinor { get; set; }

    public decimal? Hours { get; set; }

    public long DiscountMinor { get; set; }

    public decimal VatRate { get; set; }

    /// <summary><see cref="Approvals"/>.</summary>
    public string Approval { get; set; } = Approvals.Pending;

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary><c>client</c> or the member's actor string.</summary>
    public string? DecidedBy { get; set; }
}

/// <summary>
/// One stage of an order's chain: copied from a template stage (or added on the order), in <see cref="Position"/>
/// order, with its checklist (JSON of <see cref="ChecklistItem"/>s), who works on it and how it went.
/// <see cref="MechanicId"/> is the effective mechanic: the stage's own (<see cref="MechanicAssignedDirectly"/>) or the
/// order's, so a mechanic's queue is one indexed query.
/// </summary>
internal sealed class WorkOrderStage : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid OrderId { get; set; }

    /// <summary>The service line it came from, or null for a stage added on the order.</summary>
    public Guid? LineId { get; set; }

    /// <summary>The template stage's stable id it was copied from.</summary>
    public Guid? TemplateStageId { get; set; }

    public int Position { get; set; }

    public string? NameEn { get; set; }

    public string? NameRu { get; set; }

    public int ExpectedMinutes { get; set; }

    public string? RequiredSkill { get; set; }

    /// <summary>JSON array of <see cref="ChecklistItem"/>.</summary>
    public string Checklist { get; set; } = "[]";

    public bool PhotoRequired { get; set; }

    /// <summary><see cref="StageStatuses"/>.</summary>
    public string Status { get; set; } = StageStatuses.Pending;

    public Guid? MechanicId { get; set; }

    public bool MechanicAssignedDirectly { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public Guid? CompletedBy { get; set; }

    /// <summary>Minutes actually spent, as the mechanic reported or measured from start to completion.</summary>
    public int? ActualMinutes { get; set; }

    public int PhotoCount { get; set; }

    public int CommentCount { get; set; }

    /// <summary>
    /// In its mechanic's queue: the stage is open and its order can be worked on. Kept by <see cref="QueueFields"/> on
    /// every save, with <see cref="QueueKey"/> and <see cref="OrderNumber"/>, so the queue is one ordered index range.
    /// </summary>
    public bool InQueue { get; set; }

    /// <summary>The order's booked-in time as Unix milliseconds, or <see cref="long.MaxValue"/> for an undated order (last).</summary>
    public long QueueKey { get; set; }

    /// <summary>The order's number, the queue's second sort key.</summary>
    public long OrderNumber { get; set; }
}

/// <summary>A checklist item of a stage: its text and whether (and when, by whom) it was ticked.</summary>
internal sealed record ChecklistItem(string Text, bool Done, DateTimeOffset? DoneAt = null, Guid? DoneBy = null);

/// <summary>
/// A part on an order, for a stage: the Inventory item (its SKU, name, unit and sale price copied when added), the
/// quantity in thousandths, and how much is reserved and consumed. <see cref="PartStates"/> says where it stands.
/// </summary>
internal sealed class WorkOrderPart : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid OrderId { get; set; }

    public Guid? LineId { get; set; }

    public Guid? StageId { get; set; }

    public Guid ItemId { get; set; }

    public string Sku { get; set; } = "";

    public string Name { get; set; } = "";

    public string Unit { get; set; } = "";

    public long QuantityMilli { get; set; }

    public long UnitPriceMinor { get; set; }

    public long DiscountMinor { get; set; }

    public decimal VatRate { get; set; }

    public long ReservedMilli { get; set; }

    public long ConsumedMilli { get; set; }

    /// <summary>When the part was last consumed from stock: the parts report counts consumption by it.</summary>
    public DateTimeOffset? ConsumedAt { get; set; }

    /// <summary><see cref="PartStates"/>.</summary>
    public string State { get; set; } = PartStates.Planned;

    /// <summary>Added during the work, not on the estimate.</summary>
    public bool Extra { get; set; }
}

/// <summary>
/// One entry of an order's timeline: every change, who made it and when. Comments and attachments are entries too
/// (with the text, or the Files id), and <see cref="Shared"/> marks what the client's tracking page shows.
/// </summary>
internal sealed class WorkOrderEntry : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid OrderId { get; set; }

    public Guid? StageId { get; set; }

    /// <summary><see cref="EntryKinds"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary><c>user:{id}</c>, <c>client</c>, <c>api</c>, <c>system:…</c>.</summary>
    public string Actor { get; set; } = "";

    public string? ActorName { get; set; }

    /// <summary>A comment's text, or a short summary of the change.</summary>
    public string? Text { get; set; }

    /// <summary>Details as JSON (from and to statuses, the part and quantity…), or null.</summary>
    public string? Data { get; set; }

    public Guid? FileId { get; set; }

    public string? FileName { get; set; }

    public string? ContentType { get; set; }

    public bool Shared { get; set; }
}

internal static class Approvals
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Declined = "declined";
}

internal static class StageStatuses
{
    public const string Pending = "pending";
    public const string InProgress = "in_progress";
    public const string Done = "done";
    public const string Skipped = "skipped";

    public static bool IsOpen(string status) => status is Pending or InProgress;
}

internal static class PartStates
{
    /// <summary>On the order, nothing reserved yet (a draft, or a declined line's part).</summary>
    public const string Planned = "planned";
    public const string Reserved = "reserved";

    /// <summary>The stock did not cover it: waiting for parts.</summary>
    public const string Short = "short";
    public const string Consumed = "consumed";
    public const string Released = "released";
}

internal static class EntryKinds
{
    public const string Created = "created";
    public const string StatusChanged = "status_changed";
    public const string Edited = "edited";
    public const string LineAdded = "line_added";
    public const string LineRemoved = "line_removed";
    public const string LineDecided = "line_decided";
    public const string StageAdded = "stage_added";
    public const string StageRemoved = "stage_removed";
    public const string StagesReordered = "stages_reordered";
    public const string MechanicAssigned = "mechanic_assigned";
    public const string StageStarted = "stage_started";
    public const string ChecklistTicked = "checklist_ticked";
    public const string StageCompleted = "stage_completed";
    public const string StageReopened = "stage_reopened";
    public const string Comment = "comment";
    public const string Attachment = "attachment";
    public const string PartAdded = "part_added";
    public const string PartRemoved = "part_removed";
    public const string PartReserved = "part_reserved";
    public const string PartShort = "part_short";
    public const string PartConsumed = "part_consumed";
    public const string PartsReleased = "parts_released";
}

internal sealed class WorkOrderConfiguration : IEntityTypeConfiguration<WorkOrder>
{
    public void Configure(EntityTypeBuilder<WorkOrder> builder)
    {
        builder.ToTable("work_orders");
        builder.Property(o => o.Status).HasMaxLength(20);
        builder.Property(o => o.ContactName).HasMaxLength(300);
        builder.Property(o => o.ContactEmail).HasMaxLength(320);
        builder.Property(o => o.ContactPhone).HasMaxLength(32);
        builder.Property(o => o.VehicleLabel).HasMaxLength(300);
        builder.Property(o => o.Complaint).HasMaxLength(4000);
        builder.Property(o => o.Notes).HasMaxLength(4000);
        builder.Property(o => o.Currency).HasMaxLength(3);
        builder.Property(o => o.ApprovedBy).HasMaxLength(200);
        builder.Property(o => o.ApprovalAddress).HasMaxLength(64);
        builder.Property(o => o.ApprovalUserAgent).HasMaxLength(500);
        builder.Property(o => o.CancelReason).HasMaxLength(1000);
        builder.HasIndex(o => new { o.TenantId, o.Number }).IsUnique();
        // The board and lists: by status, newest change first; by creation; a vehicle's and a contact's history.
        builder.HasIndex(o => new { o.TenantId, o.Status, o.StatusChangedAt, o.Id });
        builder.HasIndex(o => new { o.TenantId, o.CreatedAt, o.Id });
        builder.HasIndex(o => new { o.TenantId, o.UpdatedAt, o.Id });
        builder.HasIndex(o => new { o.TenantId, o.VehicleId, o.CreatedAt });
        builder.HasIndex(o => new { o.TenantId, o.ContactId, o.CreatedAt });
        builder.HasIndex(o => new { o.TenantId, o.MechanicId });
    }
}

internal sealed class WorkOrderLineConfiguration : IEntityTypeConfiguration<WorkOrderLine>
{
    public void Configure(EntityTypeBuilder<WorkOrderLine> builder)
    {
        builder.ToTable("work_order_lines");
        builder.Property(l => l.NameEn).HasMaxLength(200);
        builder.Property(l => l.NameRu).HasMaxLength(200);
        builder.Property(l => l.Hours).HasPrecision(8, 2);
        builder.Property(l => l.VatRate).HasPrecision(5, 2);
        builder.Property(l => l.Approval).HasMaxLength(10);
        builder.Property(l => l.DecidedBy).HasMaxLength(200);
        builder.HasIndex(l => new { l.TenantId, l.OrderId, l.Position });
        builder.HasIndex(l => new { l.TenantId, l.ServiceId });
    }
}

internal sealed class WorkOrderStageConfiguration : IEntityTypeConfiguration<WorkOrderStage>
{
    public void Configure(EntityTypeBuilder<WorkOrderStage> builder)
    {
        builder.ToTable("work_order_stages");
        builder.Property(s => s.NameEn).HasMaxLength(200);
        builder.Property(s => s.NameRu).HasMaxLength(200);
        builder.Property(s => s.RequiredSkill).HasMaxLength(60);
        builder.Property(s => s.Status).HasMaxLength(12);
        builder.HasIndex(s => new { s.TenantId, s.OrderId, s.Position });
        // A mechanic's queue: their open stages of workable orders in queue order, one ordered range scan.
        builder.HasIndex(s => new { s.TenantId, s.MechanicId, s.InQueue, s.QueueKey, s.OrderNumber, s.Position });
        // Reports: stages completed in a period, by mechanic.
        builder.HasIndex(s => new { s.TenantId, s.CompletedAt });
    }
}

internal sealed class WorkOrderPartConfiguration : IEntityTypeConfiguration<WorkOrderPart>
{
    public void Configure(EntityTypeBuilder<WorkOrderPart> builder)
    {
        builder.ToTable("work_order_parts");
        builder.Property(p => p.Sku).HasMaxLength(64);
        builder.Property(p => p.Name).HasMaxLength(300);
        builder.Property(p => p.Unit).HasMaxLength(16);
        builder.Property(p => p.VatRate).HasPrecision(5, 2);
        builder.Property(p => p.State).HasMaxLength(10);
        builder.HasIndex(p => new { p.TenantId, p.OrderId, p.StageId });
        builder.HasIndex(p => new { p.TenantId, p.ItemId });
        builder.HasIndex(p => new { p.TenantId, p.ConsumedAt });
    }
}

internal sealed class WorkOrderEntryConfiguration : IEntityTypeConfiguration<WorkOrderEntry>
{
    public void Configure(EntityTypeBuilder<WorkOrderEntry> builder)
    {
        builder.ToTable("work_order_entries");
        builder.Property(e => e.Kind).HasMaxLength(30);
        builder.Property(e => e.Actor).HasMaxLength(200);
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.Text).HasMaxLength(4000);
        builder.Property(e => e.FileName).HasMaxLength(255);
        builder.Property(e => e.ContentType).HasMaxLength(100);
        // The timeline, newest first, paged by keyset.
        builder.HasIndex(e => new { e.TenantId, e.OrderId, e.CreatedAt, e.Id });
    }
}
