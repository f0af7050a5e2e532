using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using Portico.Kernel.Mail;
using Portico.Mail;

namespace Portico.MailTests;

public sealed class SmtpMailSenderTests(LoopbackSmtpServer server) : IClassFixture<LoopbackSmtpServer>
{
    [Fact]
    public async Task Mail_sent_over_smtp_arrives_with_subject_and_both_bodies()
    {
        var to = Recipient();
        await using var services = Build(SmtpSettings());

        await services.GetRequiredService<IMailSender>().SendAsync(
            new OutgoingMail(to, "Welcome", "Plain text body", "<p>HTML <b>body</b></p>"), CancellationToken.None);

        var message = server.ReceivedFor(to);
        message.Subject.ShouldBe("Welcome");
        message.Body.ShouldBeOfType<MultipartAlternative>();
        Normalize(message.TextBody).ShouldBe("Plain text body");
        Normalize(message.HtmlBody).ShouldBe("<p>HTML <b>body</b></p>");
        message.From.Mailboxes.Single().Address.ShouldBe("robot@portico.test");
        message.From.Mailboxes.Single().Name.ShouldBe("Portico Test");
        message.MessageId.ShouldEndWith("@portico.test");
        message.Date.ShouldNotBe(DateTimeOffset.MinValue);
    }

    [Fact]
    public async Task Russian_subject_body_and_recipient_name_arrive_intact()
    {
        var to = Recipient();
        const string subject = "Подтвердите адрес электронной почты — «Портик»";
        const string body = "Здравствуйте, Анна!\nВаш код подтверждения: 482910.\nЁлки-палки, щётка, съешь же ещё этих мягких французских булок.";
        await using var services = Build(SmtpSettings());

        await services.GetRequiredService<IMailSender>().SendAsync(
            new OutgoingMail(to, subject, body, ToName: "Анна Петрова"), CancellationToken.None);

        var message = server.ReceivedFor(to);
        message.Subject.ShouldBe(subject);
        Normalize(message.TextBody).ShouldBe(body);
        message.HtmlBody.ShouldBeNull();
        message.To.Mailboxes.Single().Name.ShouldBe("Анна Петрова");
        message.Body.ShouldBeOfType<TextPart>().ContentType.Charset.ShouldBe("utf-8", StringCompareShould.IgnoreCase);
    }

    [Fact]
    public async Task Wrong_smtp_password_fails_with_an_authentication_error_and_delivers_nothing()
    {
        var to = Recipient();
        var settings = SmtpSettings();
        settings["Portico:Mail:Smtp:Password"] = "wrong password";
        await using var services = Build(settings);

        await Should.ThrowAsync<AuthenticationException>(() => services.GetRequiredService<IMailSender>().SendAsync(
            new OutgoingMail(to, "Never delivered", "Nothing"), CancellationToken.None));

        server.Received.ShouldNotContain(m => m.To.Mailboxes.Any(x => x.Address == to));
    }

    private static string Recipient() => $"{Guid.NewGuid():N}@example.test";

    private Dictionary<string, string?> SmtpSettings() => new()
    {
        ["Portico:Mail:FromAddress"] = "robot@portico.test",
        ["Portico:Mail:FromName"] = "Portico Test",
        ["Portico:Mail:Smtp:Host"] = "127.0.0.1",
        ["Portico:Mail:Smtp:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Portico:Mail:Smtp:Security"] = "none",
        ["Portico:Mail:Smtp:Username"] = LoopbackSmtpServer.Username,
        ["Portico:Mail:Smtp:Password"] = LoopbackSmtpServer.Password,
    };

    internal static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddPorticoMail(configuration).BuildServiceProvider(validateScopes: true);
    }

    // MIME puts CRLF on the wire; what matters is the text, not the line terminator.
    internal static string? Normalize(string? text) => text?.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
}

public sealed class PickupFolderMailSenderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portico-mail-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Sender_without_smtp_host_writes_a_parseable_eml_file_to_the_pickup_folder()
    {
        await using var services = SmtpMailSenderTests.Build(new() { ["Portico:Mail:PickupDirectory"] = _directory });

        await services.GetRequiredService<IMailSender>().SendAsync(
            new OutgoingMail("anna@example.test", "Сброс пароля", "Ссылка действует 30 минут.", "<p>Ссылка действует 30 минут.</p>", "Анна"),
            CancellationToken.None);

        var file = Directory.GetFiles(_directory).ShouldHaveSingleItem();
        Path.GetFileName(file).ShouldMatch(@"^\d{8}T\d{9}Z-[0-9a-f]{32}\.eml$");
        var message = await MimeMessage.LoadAsync(file);
        message.To.Mailboxes.Single().Address.ShouldBe("anna@example.test");
        message.To.Mailboxes.Single().Name.ShouldBe("Анна");
        message.Subject.ShouldBe("Сброс пароля");
        message.From.Mailboxes.Single().Address.ShouldBe("no-reply@portico.local");
        SmtpMailSenderTests.Normalize(message.TextBody).ShouldBe("Ссылка действует 30 минут.");
        SmtpMailSenderTests.Normalize(message.HtmlBody).ShouldBe("<p>Ссылка действует 30 минут.</p>");
        message.MessageId.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Each_message_gets_its_own_file()
    {
        await using var services = SmtpMailSenderTests.Build(new() { ["Portico:Mail:PickupDirectory"] = _directory });
        var sender = services.GetRequiredService<IMailSender>();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            sender.SendAsync(new OutgoingMail($"user{i}@example.test", $"Message {i}", "Body"), CancellationToken.None)));

        Directory.GetFiles(_directory, "*.eml").Length.ShouldBe(5);
        Directory.GetFiles(_directory).Length.ShouldBe(5);
    }

    [Fact]
    public async Task From_address_that_is_not_an_email_is_rejected()
    {
        await using var services = SmtpMailSenderTests.Build(new() { ["Portico:Mail:FromAddress"] = "Portico <no-reply@portico.local>" });

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IMailSender>())
            .Message.ShouldContain("FromAddress");
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
