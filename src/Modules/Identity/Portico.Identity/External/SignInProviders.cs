using Microsoft.Extensions.Options;

namespace Portico.Identity.External;

/// <summary>
/// The outside sign-in providers this installation has configured, and where the console sends the browser to
/// use one. Each is a front-channel flow whose answer comes back in the URL fragment of
/// <c>/sign-in/external/{provider}</c>, where the page checks the state it left in the browser and hands the
/// provider's proof to the same handler the API uses (ID token, Facebook access token, Telegram's signed fields).
/// </summary>
internal static class SignInProviders
{
    /// <summary>A button on the sign-in page: <paramref name="Key"/> is <c>telegram</c>, <c>facebook</c> or <c>oidc-{name}</c>.</summary>
    internal sealed record Provider(string Key, string Name);

    internal sealed class Handler(IOptions<TelegramLoginOptions> telegram, IOptions<FacebookLoginOptions> facebook, IOptions<OidcOptions> oidc, OidcLogin.ProviderMetadata metadata)
    {
        public IReadOnlyList<Provider> Configured()
        {
            var list = new List<Provider>();
            foreach (var (name, provider) in oidc.Value.Providers.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!string.IsNullOrEmpty(provider.Authority) && !string.IsNullOrEmpty(provider.ClientId))
                {
                    list.Add(new Provider("oidc-" + name.ToLowerInvariant(), DisplayName(name)));
                }
            }

            if (!string.IsNullOrEmpty(facebook.Value.AppId) && !string.IsNullOrEmpty(facebook.Value.AppSecret))
            {
                list.Add(new Provider(FacebookLogin.Provider, "Facebook"));
            }

            if (TelegramBotId() is not null)
            {
                list.Add(new Provider(TelegramLogin.Provider, "Telegram"));
            }

            return list;
        }

        /// <summary>
        /// Where to send the browser: the provider's authorization page, answering to <paramref name="callback"/>
        /// (absolute) with <paramref name="state"/> (and for OpenID Connect the ID token's <paramref name="nonce"/>).
        /// </summary>
        public async Task<string> StartUrlAsync(string key, string callback, string state, string nonce, CancellationToken ct)
        {
            if (key == FacebookLogin.Provider && Configured().Any(p => p.Key == key))
            {
                return $"https://www.facebook.com/v19.0/dialog/oauth?client_id={Uri.EscapeDataString(facebook.Value.AppId!)}&redirect_uri={Uri.EscapeDataString(callback)}"
                    + $"&state={Uri.EscapeDataString(state)}&response_type=token&scope=email";
            }

            if (key == TelegramLogin.Provider && TelegramBotId() is { } botId)
            {
                // Telegram's login page (the one its widget opens) answers with #tgAuthResult=<base64 of the signed fields>.
                var origin = new Uri(callback).GetLeftPart(UriPartial.Authority);
                var returnTo = callback + (callback.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "state=" + Uri.EscapeDataString(state);
                return $"https://oauth.telegram.org/auth?bot_id={botId}&origin={Uri.EscapeDataString(origin)}&request_access=write&return_to={Uri.EscapeDataString(returnTo)}";
            }

            if (key.StartsWith("oidc-", StringComparison.Ordinal) && oidc.Value.Providers.TryGetValue(key[5..], out var provider) && !string.IsNullOrEmpty(provider.Authority))
            {
                string endpoint;
                try
                {
                    endpoint = (await metadata.For(key[5..], provider).GetConfigurationAsync(ct)).AuthorizationEndpoint;
                }
                catch (InvalidOperationException)
                {
                    throw new ServiceUnavailableException($"The sign-in provider '{key[5..]}' does not answer. Try again later.");
                }

                // The implicit ID-token flow needs no client secret; the answer comes in the fragment, never to the server's logs.
                return $"{endpoint}{(endpoint.Contains('?', StringComparison.Ordinal) ? "&" : "?")}client_id={Uri.EscapeDataString(provider.ClientId)}"
                    + $"&redirect_uri={Uri.EscapeDataString(callback)}&response_type=id_token&response_mode=fragment&scope=openid%20email%20profile"
                    + $"&state={Uri.EscapeDataString(state)}&nonce={Uri.EscapeDataString(nonce)}";
            }

            throw new NotFoundException("Sign-in provider", key);
        }

        private string? TelegramBotId() =>
            telegram.Value.BotToken is { Length: > 0 } token && token.Split(':')[0] is { Length: > 0 } id && id.All(char.IsAsciiDigit) ? id : null;

        private static string DisplayName(string name) => name.ToLowerInvariant() switch
        {
            "google" => "Google",
            "microsoft" => "Microsoft",
            "apple" => "Apple",
            "yandex" => "Yandex",
            _ => char.ToUpperInvariant(name[0]) + name[1..],
        };
    }
}

/// <summary>What the console keeps in the browser tab while the person is at the provider.</summary>
internal sealed record ExternalState(string State, string Nonce, string? ReturnUrl);
