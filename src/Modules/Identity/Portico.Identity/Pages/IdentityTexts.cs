namespace Portico.Identity.Pages;

/// <summary>Russian texts of the identity pages (sign-in, sign-up, account).</summary>
internal static class IdentityTexts
{
    public static readonly IReadOnlyDictionary<string, string> Russian = new Dictionary<string, string>
    {
        ["Sign in"] = "Вход",
        ["Your session has ended. Sign in again."] = "Сеанс завершён. Войдите снова.",
        ["Password"] = "Пароль",
        ["Enter your email."] = "Введите email.",
        ["Enter your password."] = "Введите пароль.",
        ["Forgot your password?"] = "Забыли пароль?",
        ["Create an account"] = "Создать аккаунт",
        ["Second step"] = "Второй шаг",
        ["Enter a code from one of your second factors."] = "Введите код одного из ваших вторых факторов.",
        ["Method"] = "Способ",
        ["Authenticator app"] = "Приложение-аутентификатор",
        ["Recovery code"] = "Код восстановления",
        ["Code by email"] = "Код по email",
        ["Code by SMS"] = "Код по SMS",
        ["Email me a code"] = "Прислать код на email",
        ["Text me a code"] = "Прислать код по SMS",
        ["Code"] = "Код",
        ["Continue"] = "Продолжить",
        ["We sent you a code."] = "Мы отправили вам код.",
    };
}
