using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portico.Kernel.Http;
using Portico.Kernel.Sms;

namespace Portico.Sms;

/// <summary>Settings under <c>Portico:Sms</c>.</summary>
public sealed class SmsOptions
{
    public const string Section = "Portico:Sms";

    public string PickupDirectory { get; set; } = "./data/sms";

    public TwilioOptions Twilio { get; set; } = new();
}

/// <summary>Twilio account settings; <see cref="AccountSid"/> set switches Twilio on.</summary>
public sealed class TwilioOptions
{
    public string? AccountSid { get; set; }

    public string? AuthToken { get; set; }

    /// <summary>The sending number (E.164) or alphanumeric sender id.</summary>
    public string? From { get; set; }

    public string ApiUrl { get; set; } = "https://api.twilio.com";
}

public static class SmsServices
{
    public static IServiceCollection AddPorticoSms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmsOptions>().Bind(configuration.GetSection(SmsOptions.Section))
            .Validate(o => string.IsNullOrEmpty(o.Twilio.AccountSid) || (!string.IsNullOrEmpty(o.Twilio.AuthToken) && !string.IsNullOrEmpty(o.Twilio.From)),
                "Portico:Sms:Twilio needs AuthToken and From when AccountSid is set.")
            .ValidateOnStart();
        // The operator's provider, through the guarded outbound client (no redirects, capped answers; an internal relay goes in Portico:Outbound:TrustedProviderHosts).
        services.AddOutboundHttpClient<TwilioSmsSender>(OutboundCaller.Provider, TimeSpan.FromSeconds(15));
        services.AddSingleton<PickupFolderSmsSender>();
        services.AddTransient<ISmsSender>(sp => string.IsNullOrEmpty(sp.GetRequiredService<IOptions<SmsOptions>>().Value.Twilio.AccountSid)
            ? sp.GetRequiredService<PickupFolderSmsSender>()
            : sp.GetRequiredService<TwilioSmsSender>());
        return services;
    }
}

/// <summary>
/// Twilio's Messages API: <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c>, form-encoded
/// <c>To</c>, <c>From</c>, <c>Body</c>, HTTP Basic auth with the account SID and auth token.
/// </summary>
internal sealed class TwilioSmsSender(HttpClient http, IOptions<SmsOptions> options) : ISmsSender
{
    public async Task SendAsync(string phone, string text, CancellationToken cancellationToken)
    {
        var twilio = options.Value.Twilio;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{twilio.ApiUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(twilio.AccountSid!)}/Messages.json")
        {
            Content = new FormUrlEncodedContent([new("To", phone), new("From", twilio.From!), new("Body", text)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{twilio.AccountSid}:{twilio.AuthToken}")));
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Twilio refused the message: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}

/// <summary>Writes each SMS as a text file, for laptops and tests without a provider.</summary>
internal sealed class PickupFolderSmsSender(IOptions<SmsOptions> options, TimeProvider clock) : ISmsSender
{
    public async Task SendAsync(string phone, string text, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.Value.PickupDirectory);
        Directory.CreateDirectory(directory);
        var name = $"{clock.GetUtcNow():yyyyMMdd'T'HHmmssfff'Z'}-{Guid.NewGuid():N}.txt";
        var temporary = Path.Combine(directory, "." + name + ".tmp");
        await File.WriteAllTextAsync(temporary, $"To: {phone}\n\n{text}\n", cancellationToken);
        File.Move(temporary, Path.Combine(directory, name));
    }
}
