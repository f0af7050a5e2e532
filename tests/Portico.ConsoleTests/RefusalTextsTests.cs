using System.Globalization;
using Portico.Console.Shell;
using Portico.Kernel.Errors;

namespace Portico.ConsoleTests;

/// <summary>
/// Refusals in the user's language (<see cref="ConsoleTexts.Refusal(PorticoProblemException)"/>): English sees the
/// handler's message; Russian sees the Russian of that exact message, else the Russian of its problem code, else
/// the English message, never a key.
/// </summary>
public sealed class RefusalTextsTests
{
    private static readonly ConsoleTexts Texts = new([
        new ConsoleTranslation(new Dictionary<string, string>
        {
            ["The item is archived."] = "Позиция в архиве.",
            ["{0} stage(s) are not done yet: complete or skip them first."] = "Не завершено этапов: {0}.",
            ["problem:stages-open"] = "Не все этапы завершены.",
            ["problem:item-archived"] = "Эта позиция в архиве.",
            ["problem:not-found"] = "Такой записи нет.",
            ["is required."] = "обязательное поле.",
            ["must be {0} to {1} characters long."] = "должно содержать от {0} до {1} символов.",
            ["{0} is not a phone number."] = "{0} — это не номер телефона.",
            ["{0} is not a valid value for {1}."] = "{0} — недопустимое значение для {1}.",
            ["must be one of: {0}."] = "допустимые значения: {0}.",
        }),
    ]);

    [Fact]
    public void Russian_gets_the_exact_message_first_then_the_message_with_its_numbers_then_the_code_then_the_English_message()
    {
        InRussian(() =>
        {
            Texts.Refusal(new ConflictException("The item is archived.", "item-archived")).ShouldBe("Позиция в архиве.");
            Texts.Refusal(new ConflictException("2 stage(s) are not done yet: complete or skip them first.", "stages-open")).ShouldBe("Не завершено этапов: 2.");
            Texts.Refusal(new ConflictException("The stages of order 12 are not done.", "stages-open")).ShouldBe("Не все этапы завершены.");
            Texts.Refusal(new NotFoundException("Contact", Guid.Empty)).ShouldBe("Такой записи нет.");
            Texts.Refusal(new ConflictException("Something new went wrong.", "brand-new")).ShouldBe("Something new went wrong.");
            Texts.Refusal(new ConflictException("Something else went wrong.")).ShouldBe("Something else went wrong.");
        });
    }

    [Fact]
    public void English_gets_the_handlers_own_message_unchanged()
    {
        InCulture("en-US", () =>
        {
            Texts.Refusal(new ConflictException("The item is archived.", "item-archived")).ShouldBe("The item is archived.");
            Texts.Refusal(new ConflictException("The stages of order 12 are not done.", "stages-open")).ShouldBe("The stages of order 12 are not done.");
            Texts.Invalid("is required.").ShouldBe("is required.");
        });
    }

    [Fact]
    public void Field_errors_are_translated_message_by_message_and_keep_their_field_names()
    {
        var errors = new Dictionary<string, string[]>
        {
            ["name"] = ["is required.", "must be 1 to 200 characters long."],
            ["email"] = ["looks odd."],
        };

        InRussian(() =>
        {
            var fields = Texts.InvalidFields(errors);
            fields["name"].ShouldBe(["обязательное поле.", "должно содержать от 1 до 200 символов."]);
            fields["email"].ShouldBe(["looks odd."]);
            Texts.Refusal(new ValidationException(errors)).ShouldBe("name: обязательное поле. должно содержать от 1 до 200 символов. email: looks odd.");
        });
        InCulture("en", () => Texts.InvalidSentence(errors).ShouldBe("name: is required. must be 1 to 200 characters long. email: looks odd."));
    }

    [Fact]
    public void A_message_quoting_what_the_user_wrote_or_listing_values_finds_its_Russian_with_the_values_kept_as_written()
    {
        InRussian(() =>
        {
            Texts.Invalid("'8 (800) 555' is not a phone number.").ShouldBe("'8 (800) 555' — это не номер телефона.");
            Texts.Invalid("'maybe' is not a valid value for 'vip'.").ShouldBe("'maybe' — недопустимое значение для 'vip'.");
            Texts.Invalid("'x' is not a fax number.").ShouldBe("'x' is not a fax number.");
            Texts.Invalid("must be one of: totp, email, sms.").ShouldBe("допустимые значения: totp, email, sms.");
            Texts.Refusal(new ConflictException("2 stage(s) are not done yet: complete or skip them first.", "stages-open")).ShouldBe("Не завершено этапов: 2.");
        });
        InCulture("en", () => Texts.Invalid("'8 (800) 555' is not a phone number.").ShouldBe("'8 (800) 555' is not a phone number."));
    }

    internal static void InRussian(Action check) => InCulture("ru-RU", check);

    private static void InCulture(string culture, Action check)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            check();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }
}
