using Portico.Identity.Users;
using Portico.Kernel.Mail;
using Portico.Kernel.Sms;

namespace Portico.Identity.Accounts;

/// <summary>The account emails, in the recipient's language (English or Russian).</summary>
internal sealed class IdentityMail(IMailSender mail, ISmsSender sms, PublicLinks links)
{
    /// <summary>A code by SMS to the user's phone, kept short enough for one message in either language.</summary>
    public Task SmsCodeAsync(User user, string code, CancellationToken ct) => sms.SendAsync(
        user.PhoneNumber ?? throw new InvalidOperationException("The user has no phone number."),
        Russian(user.Locale) ? $"Код Portico: {code}. Никому его не сообщайте." : $"Your Portico code: {code}. Do not share it.",
        ct);

    private static bool Russian(string locale) => locale.StartsWith("ru", StringComparison.OrdinalIgnoreCase);

    /// <summary>The code, and a link to the console page that confirms it (<c>/sign-up/verify</c>).</summary>
    public Task VerificationCodeAsync(User user, string code, CancellationToken ct)
    {
        var link = links.To($"/sign-up/verify?email={Uri.EscapeDataString(user.Email)}&code={code}");
        return SendAsync(user, Russian(user.Locale)
            ? ("Код подтверждения Portico: " + code, $"Здравствуйте!\n\nВаш код подтверждения адреса: {code}\nКод действует 10 минут. Можно также открыть ссылку:\n{link}\n\nЕсли вы не регистрировались в Portico, просто проигнорируйте это письмо.")
            : ("Your Portico verification code: " + code, $"Hello,\n\nYour email verification code is {code}.\nIt is valid for 10 minutes. You can also open this link:\n{link}\n\nIf you did not sign up for Portico, ignore this email."), ct);
    }

    public Task AccountExistsAsync(User user, CancellationToken ct) => SendAsync(user, Russian(user.Locale)
        ? ("Попытка регистрации в Portico", "Здравствуйте!\n\nКто-то попытался зарегистрироваться в Portico с вашим адресом. У вас уже есть учётная запись: войдите или восстановите пароль.\n\nЕсли это были не вы, ничего делать не нужно.")
        : ("Someone tried to sign up with your email", "Hello,\n\nSomeone tried to create a Portico account with your email address. You already have an account: sign in, or reset your password if you forgot it.\n\nIf this was not you, no action is needed."), ct);

    /// <summary>The code, and a link to the console page that sets the new password with it (<c>/reset-password</c>).</summary>
    public Task PasswordResetCodeAsync(User user, string code, CancellationToken ct)
    {
        var link = links.To($"/reset-password?email={Uri.EscapeDataString(user.Email)}&code={code}");
        return SendAsync(user, Russian(user.Locale)
            ? ("Сброс пароля Portico: " + code, $"Здравствуйте!\n\nКод для сброса пароля: {code}\nКод действует 10 минут. Новый пароль можно задать по ссылке:\n{link}\n\nЕсли вы не запрашивали сброс, проигнорируйте письмо.")
            : ("Your Portico password reset code: " + code, $"Hello,\n\nYour password reset code is {code}.\nIt is valid for 10 minutes. Set a new password at this link:\n{link}\n\nIf you did not ask for a reset, ignore this email."), ct);
    }

    public Task SignInCodeAsync(User user, string code, CancellationToken ct) => SendAsync(user, Russian(user.Locale)
        ? ("Код входа Portico: " + code, $"Здравствуйте!\n\nКод для входа: {code}\nКод действует 10 минут.")
        : ("Your Portico sign-in code: " + code, $"Hello,\n\nYour sign-in code is {code}.\nIt is valid for 10 minutes."), ct);

    public Task MagicLinkAsync(User user, string token, CancellationToken ct)
    {
        var link = links.To($"/sign-in/magic?token={Uri.EscapeDataString(token)}");
        return SendAsync(user, Russian(user.Locale)
            ? ("Вход в Portico по ссылке", $"Здравствуйте!\n\nЧтобы войти, откройте ссылку (действует 15 минут, один раз):\n{link}")
            : ("Your Portico sign-in link", $"Hello,\n\nOpen this link to sign in (valid once, for 15 minutes):\n{link}"), ct);
    }

    public Task PasswordChangedAsync(User user, CancellationToken ct) => SendAsync(user, Russian(user.Locale)
        ? ("Пароль Portico изменён", "Здравствуйте!\n\nПароль вашей учётной записи изменён, другие сеансы завершены. Если это были не вы, сразу восстановите пароль.")
        : ("Your Portico password was changed", "Hello,\n\nYour password was changed and your other sessions were signed out. If this was not you, reset your password now."), ct);

    private Task SendAsync(User user, (string Subject, string Body) message, CancellationToken ct) =>
        mail.SendAsync(new OutgoingMail(user.Email, message.Subject, message.Body, ToName: user.FullName), ct);
}
