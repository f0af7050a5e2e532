using Portico.Messaging.Bots;
using Portico.Messaging.Inbound;

namespace Portico.UnitTests;

/// <summary>A bot's rules for one incoming message: welcome, question flow, lead capture triggers and auto-replies.</summary>
public sealed class BotResponderTests
{
    private static readonly AutoReply[] Replies = [new("price", "From 1 500 ₽"), new("адрес", "Тверская, 1")];
    private static readonly Dictionary<string, string> NoAnswers = [];

    private static TelegramUpdate Update(string json) => TelegramUpdate.Read(1, json);

    private static TelegramUpdate Text(string text) =>
        Update($$$"""{"update_id":1,"message":{"message_id":5,"date":1764800000,"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"Anna","username":"anna"},"text":"{{{text}}}"}}""");

    [Fact]
    public void A_first_message_gets_the_welcome_and_a_matching_auto_reply()
    {
        var response = BotResponder.Decide("Hello!", Replies, new LeadCaptureSettings(), Text("What is the PRICE?"), firstMessage: true, null, NoAnswers);

        response.Replies.ShouldBe(["Hello!", "From 1 500 ₽"]);
        response.CaptureLead.ShouldBeFalse();
    }

    [Fact]
    public void Auto_replies_match_russian_keywords_case_insensitively_and_only_the_first_rule_answers()
    {
        var response = BotResponder.Decide(null, Replies, new LeadCaptureSettings(), Text("Какой АДРЕС и price?"), firstMessage: false, null, NoAnswers);

        response.Replies.ShouldBe(["From 1 500 ₽"]);
    }

    [Fact]
    public void Start_with_a_listed_payload_captures_a_lead_and_another_payload_does_not()
    {
        var capture = new LeadCaptureSettings(OnStart: true, StartPayloads: ["promo42"]);

        BotResponder.Decide(null, [], capture, Text("/start promo42"), false, null, NoAnswers).CaptureLead.ShouldBeTrue();
        BotResponder.Decide(null, [], capture, Text("/start other"), false, null, NoAnswers).CaptureLead.ShouldBeFalse();
        BotResponder.Decide(null, [], new LeadCaptureSettings(OnStart: true), Text("/start"), false, null, NoAnswers).CaptureLead.ShouldBeTrue();
    }

    [Fact]
    public void A_shared_contact_and_a_keyword_capture_leads()
    {
        var contact = Update("""{"update_id":2,"message":{"message_id":6,"date":1764800000,"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"Anna"},"contact":{"phone_number":"79991234567","first_name":"Anna","user_id":42}}}""");

        BotResponder.Decide(null, [], new LeadCaptureSettings(OnContactShared: true), contact, false, null, NoAnswers).CaptureLead.ShouldBeTrue();
        BotResponder.Decide(null, [], new LeadCaptureSettings(Keywords: ["записаться"]), Text("Хочу ЗАПИСАТЬСЯ"), false, null, NoAnswers).CaptureLead.ShouldBeTrue();
        BotResponder.Decide(null, [], new LeadCaptureSettings(Keywords: ["записаться"]), Text("Привет"), false, null, NoAnswers).CaptureLead.ShouldBeFalse();
    }

    [Fact]
    public void The_question_flow_asks_one_question_at_a_time_and_the_last_answer_captures_the_lead_with_every_answer()
    {
        var capture = new LeadCaptureSettings(Questions: ["Your name?", "Which service?"]);

        var started = BotResponder.Decide("Hi", [], capture, Text("/start"), false, null, NoAnswers);
        started.Replies.ShouldBe(["Hi", "Your name?"]);
        started.NextQuestion.ShouldBe(0);
        started.CaptureLead.ShouldBeFalse();

        var second = BotResponder.Decide("Hi", Replies, capture, Text("Anna price"), false, started.NextQuestion, started.Answers);
        second.Replies.ShouldBe(["Which service?"]);
        second.NextQuestion.ShouldBe(1);
        second.CaptureLead.ShouldBeFalse();

        var done = BotResponder.Decide("Hi", Replies, capture, Text("Tattoo"), false, second.NextQuestion, second.Answers);
        done.Replies.ShouldBeEmpty();
        done.NextQuestion.ShouldBeNull();
        done.CaptureLead.ShouldBeTrue();
        done.Answers.ShouldBe(new Dictionary<string, string> { ["Your name?"] = "Anna price", ["Which service?"] = "Tattoo" });
    }

    [Fact]
    public void Edits_and_button_presses_get_no_answer()
    {
        var edit = Update("""{"update_id":3,"edited_message":{"message_id":5,"date":1764800000,"edit_date":1764800100,"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"Anna"},"text":"price?"}}""");
        var press = Update("""{"update_id":4,"callback_query":{"id":"77","from":{"id":42,"is_bot":false,"first_name":"Anna"},"message":{"message_id":9,"date":1764800000,"chat":{"id":42,"type":"private"}},"data":"book"}}""");

        BotResponder.Decide("Hi", Replies, new LeadCaptureSettings(OnFirstMessage: true), edit, true, null, NoAnswers).Replies.ShouldBeEmpty();
        press.Kind.ShouldBe("callback");
        press.Data.ShouldBe("book");
        press.ChatId.ShouldBe(42);
    }

    [Fact]
    public void Updates_of_other_kinds_are_read_as_skipped_with_their_kind_and_media_keep_the_largest_file()
    {
        Update("""{"update_id":5,"poll":{"id":"1","question":"?","options":[]}}""").Skipped.ShouldBe("poll");
        var photo = Update("""{"update_id":6,"message":{"message_id":7,"date":1764800000,"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"A"},"photo":[{"file_id":"small","file_unique_id":"s","width":90,"height":90},{"file_id":"large","file_unique_id":"l","width":1280,"height":1280}],"caption":"my tattoo idea"}}""");
        photo.Kind.ShouldBe("photo");
        photo.FileId.ShouldBe("large");
        photo.Text.ShouldBe("my tattoo idea");
        var location = Update("""{"update_id":7,"message":{"message_id":8,"date":1764800000,"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"A"},"location":{"latitude":55.75,"longitude":37.61}}}""");
        location.Data.ShouldBe("55.75,37.61");
    }
}
