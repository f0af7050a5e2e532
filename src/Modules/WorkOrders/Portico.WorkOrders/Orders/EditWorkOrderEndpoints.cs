using Portico.Kernel.Tenancy;

namespace Portico.WorkOrders.Orders;

/// <summary>
/// The edit routes of a work order. Each loads the order the caller may see (404 otherwise), checks If-Match where the
/// order itself changes, lets <see cref="WorkOrderEditor"/> apply the change and answers with the whole order.
/// </summary>
internal static class EditWorkOrder
{
    [RequiresPermission(WorkOrdersPermissions.Write)]
    internal sealed class Handler(WorkOrderAccess access, WorkOrderEditor editor, WorkOrderReader reader)
    {
        public async Task<WorkOrderView> HandleAsync(Guid orderId, long? expectedVersion, Func<WorkOrderEditor, WorkOrder, Task> change, CancellationToken cancellationToken)
        {
            var order = await access.FindAsync(orderId, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, order.Version);
            await change(editor, order);
            return await reader.ViewAsync(order, cancellationToken);
        }
    }

    private static async Task<Ok<WorkOrderView>> Answer(Handler handler, Guid orderId, HttpContext http, Func<WorkOrderEditor, WorkOrder, Task> change, CancellationToken ct)
    {
        var order = await handler.HandleAsync(orderId, http.Request.ExpectedVersion(), change, ct);
        http.Response.Headers.ETag = ApiConventions.ETagOf(order.Version);
        return TypedResults.Ok(order);
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        const string Order = "/{tenant}/workshop/work-orders/{orderId:guid}";
        tenants.MapPatch(Order, (Guid orderId, UpdateWorkOrderInput input, Handler handler, HttpContext http, CancellationToken ct) =>
                Answer(handler, orderId, http, (e, o) => e.UpdateAsync(o, input, ct), ct))
            .WithName("UpdateWorkOrder")
            .WithRequestExample(new { complaint = "Скрип и вибрация при торможении", promisedAt = "2026-12-08T18:00:00+03:00" })
            .WithSummary("Change a work order's complaint, notes, scheduled or promised time (merge patch; If-Match against lost updates); 409 work-order-closed once delivered or cancelled");
        tenants.MapPost($"{Order}/lines", (Guid orderId, AddWorkOrderLineInput input, Handler handler, HttpContext http, CancellationToken ct) =>
                Answer(handler, orderId, http, (e, o) => e.AddLineAsync(o, input, ct), ct))
            .WithName("AddWorkOrderLine")
            .WithRequestExample(new { serviceId = "0193a1f2-9e5a-7f6c-9d3e-4a5b6c7d8e9f", discount = "0" })
            .WithSummary("Add a repair service to an order: its current template's stages join the end of the chain and its parts are reserved; the line waits for approval");
        tenants.MapPatch($"{Order}/lines/{{lineId:guid}}", (Guid orderId, Guid lineId, UpdateWorkOrderLineInput input, Handler handler, HttpContext http, CancellationToken ct) =>
                Answer(handler, orderId, http, (e, o) => e.UpdateLineAsync(o, lineId, input, ct), ct))
            .WithName("UpdateWorkOrderLine")
            .WithRequestExample(new { decision = "declined" })
            .WithSummary("Change a line's discount, or record the client's decision on it (approved or declined); declining skips its stages and releases its parts; 409 stage-started once its work began");
        tenants.MapDelete($"{Order}/lines/{{lineId:guid}}", (Guid orderId, Guid lineId, Handler handler, HttpContext http, CancellationToken ct) =>
                Answer(handler, orderId, http, (e, o) => e.RemoveLineAsync(o, lineId, ct), ct))
            .WithName("RemoveWorkOrderLine")
            .WithSummary("Remove a service from an order with its stages and parts (reservations released); 409 stage-started when its work began");
        tenants.MapPost($"{Order}/stages", (Guid orderId, AddWorkOrderStageInput input, Handler handler, HttpContext http, CancellationToken ct) =>
                Answer(handler, orderId, http, (e, o) => e.AddStageAsync(o, input, ct), ct))
            .WithName("AddWorkOrderStage")
            .WithRequestExample(new { name = new { ru = "Промывка тормозной системы" }, expectedMinutes = 40, checklist = (string[])["Проверить уровень жидкости"], position = 1 })
            .WithSummary("Add a stage to the order's chain at a 0-based position (the end by default)");
        tenants.MapDelete($"{Order}/stages/{{stageId:guid}}", (Guid orderId, Guid stageId, Handler handler, HttpContext http, CancellationToken ct) =>
                Answer(handler, orderId, http, (e, o) => e.RemoveStageAsync(o, stageId, ct), ct))
            .WithName("RemoveWorkOrderStage")
            .WithSummary("Remove a stage that has not started (its parts released); 409 stage-started otherwise");
        tenants.MapPost($"{Order}/stages/move", (Guid orderId, MoveWorkOrderStageInput input, Handler handler, HttpContext http, CancellationToken ct) =>
                Answer(handler, orderId, http, (e, o) => e.MoveStageAsync(o, input, ct), ct))
            .WithName("MoveWorkOrderStage")
            .WithRequestExample(new { stageId = "0193a1f2-7c3e-7d4a-9b1c-2f3e4d5a6b7c", to = 0 })
            .WithSummary("Move a stage to a 0-based position of the order's chain");
        tenants.MapDelete($"{Order}/parts/{{partId:guid}}", (Guid orderId, Guid partId, Handler handler, HttpContext http, CancellationToken ct) =>
                Answer(handler, orderId, http, (e, o) => e.RemovePartAsync(o, partId, ct), ct))
            .WithName("RemoveWorkOrderPart")
            .WithSummary("Take a part off the order, releasing its reservation; 409 part-consumed once it was used");
        tenants.MapPost($"{Order}/parts/reserve", (Guid orderId, Handler handler, HttpContext http, CancellationToken ct) =>
                Answer(handler, orderId, http, (e, o) => e.ReserveShortAsync(o, ct), ct))
            .WithName("ReserveWorkOrderParts")
            .WithSummary("Try again to reserve the parts that were short (after a delivery arrived); parts still short stay short");
    }
}
