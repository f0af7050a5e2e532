using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Portico.Console.Shell;
using Portico.Crm.Pages;
using Portico.Crm.Records;

namespace Portico.ConsoleTests;

/// <summary>The CRM lists' filter builder: chips for the active filters, removal, and a new filter replacing one on the same field and condition.</summary>
public sealed class FilterBuilderTests : BunitContext, IAsyncLifetime
{
    private static readonly FilterBuilder.Field[] Fields =
    [
        new("cf.loyalty", "Loyalty card", "text"),
        new("cf.score", "Score", "number"),
    ];

    public FilterBuilderTests()
    {
        Services.AddMudServices();
        Services.AddSingleton<ConsoleTexts>();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's select services dispose only asynchronously; xUnit then finds the context already disposed.
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    [Fact]
    public void Active_filters_show_as_chips_in_words_and_closing_one_removes_only_it()
    {
        IReadOnlyList<FieldFilter>? changed = null;
        var builder = Render<FilterBuilder>(p => p
            .Add(b => b.Fields, Fields)
            .Add(b => b.Filters, [new FieldFilter("cf.loyalty", "contains", "gold"), new FieldFilter("cf.score", "gte", "5")])
            .Add(b => b.FiltersChanged, filters => changed = filters));

        builder.FindAll("[data-test=filter-chip]").Select(c => c.TextContent.Trim()).ShouldBe(["Loyalty card contains gold", "Score at least 5"]);

        builder.FindAll("[data-test=filter-chip] button")[0].Click();

        changed.ShouldNotBeNull().ShouldBe([new FieldFilter("cf.score", "gte", "5")]);
    }

    [Fact]
    public void A_new_filter_on_the_same_field_and_condition_replaces_the_old_one_and_an_empty_value_adds_nothing()
    {
        IReadOnlyList<FieldFilter>? changed = null;
        var builder = Render<FilterBuilder>(p => p
            .Add(b => b.Fields, Fields)
            .Add(b => b.Filters, [new FieldFilter("cf.loyalty", "contains", "silver"), new FieldFilter("cf.score", "gte", "5")])
            .Add(b => b.FiltersChanged, filters => changed = filters));

        builder.Find("[data-test=add-filter]").Click();
        builder.Find("[data-test=filter-apply]").Click();
        changed.ShouldBeNull(); // no value yet

        builder.Find("input[data-test=filter-value]").Change("  gold ");
        builder.Find("[data-test=filter-apply]").Click();

        changed.ShouldNotBeNull().ShouldBe([new FieldFilter("cf.score", "gte", "5"), new FieldFilter("cf.loyalty", "contains", "gold")]);
    }

    [Fact]
    public void Each_field_type_offers_only_the_conditions_the_lists_accept_for_it()
    {
        FilterBuilder.OperatorsOf("boolean").ShouldBe(["eq"]);
        FilterBuilder.OperatorsOf("money").ShouldContain("gte");
        FilterBuilder.OperatorsOf("text").ShouldNotContain("gte");
        FilterBuilder.OperatorsOf("select").ShouldContain("in");
    }
}
