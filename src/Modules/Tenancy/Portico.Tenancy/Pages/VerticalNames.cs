namespace Portico.Tenancy.Pages;

/// <summary>How the console names each vertical (English; Russian in <see cref="TenancyTexts"/>).</summary>
internal static class VerticalNames
{
    public static string Of(string vertical) => vertical switch
    {
        "studio" => "Beauty studio or salon",
        "workshop" => "Workshop or service centre",
        "omnichannel" => "Support inbox",
        "bots" => "Bots",
        "gaming" => "Gaming",
        "generic" => "Other business",
        _ => vertical,
    };
}
