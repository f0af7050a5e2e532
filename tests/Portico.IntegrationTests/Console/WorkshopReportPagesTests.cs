using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;
using Portico.IntegrationTests.WorkOrders;
using Portico.Kernel.Tenancy;
using Portico.WorkOrders;
using Portico.WorkOrders.Orders;

namespace Portico.IntegrationTests.Console;

/// <summary>The workshop's reports page: a delivered order's revenue, a chart, the mechanics and parts tables, and a CSV download.</summary>
[Collection(ConsoleBrowsers.Name)]
public sealed class WorkshopReportPagesTests(ConsoleHost host)
{
    [Fact]
    public async Task An_owner_sees_the_revenue_of_a_delivered_order_in_a_chart_and_downloads_it_as_CSV()
    {
        var shop = await WorkshopShop.CreateAsync(host);
        await DeliverAnOrderAsync(shop);

        var page = await host.NewPageAsync();
        await page.SignInAsync(shop.Owner.Email, shop.Owner.Password, $"/t/{shop.Slug}/workshop/reports");

        // Labour 3000 + parts 2900, VAT 1180: 7080.
        var revenue = page.Locator("[data-test=report-revenue]");
        await Assertions.Expect(revenue.Locator("[data-test=revenue-total]")).ToContainTextAsync("7,080");
        await Assertions.Expect(revenue.Locator("[data-test=revenue-labour]")).ToContainTextAsync("3,000");
        await Assertions.Expect(revenue.Locator(".mud-chart svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=report-orders] [data-test=orders-total]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-test=report-mechanics] [data-test=mechanic-row]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-test=report-parts] [data-test=part-row]")).ToHaveCountAsync(2);
        await page.ScreenshotAsync("workshop-reports");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        // The CSV download: the revenue of the period, made in the console.
        var download = await page.RunAndWaitForDownloadAsync(() => revenue.Locator("[data-test=download-revenue-csv]").ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".csv");
        var path = await download.PathAsync();
        (await File.ReadAllTextAsync(path!)).ShouldContain("7080");
    }

    /// <summary>One order approved, its stages done and parts consumed (written through the module's DbContext), then delivered.</summary>
    private async Task DeliverAnOrderAsync(WorkshopShop shop)
    {
        var me = Guid.Parse((await shop.Client.GetAsync("/api/v1/me").ShouldBeOk()).Str("id"));
        var id = (await shop.OpenOrderAsync()).Str("id");
        await shop.MoveAsync(id, "approved");
        await shop.MoveAsync(id, "in_progress");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<RequestContext>().SetTenant(Guid.Parse(shop.Tenant.Str("id")), shop.Slug);
            var db = scope.ServiceProvider.GetRequiredService<WorkOrdersDbContext>();
            var orderId = Guid.Parse(id);
            var stages = await db.Stages.Where(s => s.OrderId == orderId).OrderBy(s => s.Position).ToListAsync();
            foreach (var stage in stages)
            {
                stage.Status = StageStatuses.Done;
                stage.MechanicId = me;
                stage.StartedAt = DateTimeOffset.UtcNow.AddMinutes(-50);
                stage.CompletedAt = DateTimeOffset.UtcNow;
                stage.CompletedBy = me;
                stage.ActualMinutes = 50;
            }

            foreach (var part in await db.Parts.Where(p => p.OrderId == orderId).ToListAsync())
            {
                part.ConsumedMilli = part.QuantityMilli;
                part.ConsumedAt = DateTimeOffset.UtcNow;
                part.ReservedMilli = 0;
                part.State = PartStates.Consumed;
            }

            (await db.Orders.SingleAsync(o => o.Id == orderId)).StagesDone = stages.Count;
            await db.SaveChangesAsync();
        }

        await shop.MoveAsync(id, "ready");
        await shop.MoveAsync(id, "delivered");
    }
}
