using System.Text.Json.Nodes;
using Portico.Crm.CustomFields;
using Portico.Crm.Records;

namespace Portico.Crm.Demo;

/// <summary>The three English demo tenants: a German software company's support inbox, a bot studio and a Maltese casino.</summary>
internal static partial class DemoScripts
{
    private static readonly string[] Plans = ["Starter", "Team", "Business", "Enterprise"];

    private static DemoScript Inbox => new()
    {
        Slug = "demo-inbox",
        Country = "DE",
        Person = DemoPeople.German,
        Companies =
        [
            new("Brandt & Söhne GmbH", "brandt-soehne.de", "Head of Customer Service"),
            new("Kaffeerösterei Hanse", "hanse-kaffee.de", "Owner"),
            new("Velo Werk Berlin", "velowerk.berlin", "Operations Manager"),
            new("Nordlicht Reisen GmbH", "nordlicht-reisen.de", "Team Lead Support"),
            new("Isar Möbel KG", "isar-moebel.de", "E-commerce Manager"),
            new("Rheinblick Hotels", "rheinblick-hotels.de", "Guest Relations Manager"),
        ],
        Fields =
        [
            new(RecordTypes.Contact, "plan", "Plan", FieldTypes.Select, Plans),
            new(RecordTypes.Contact, "seats", "Seats", FieldTypes.Number),
            new(RecordTypes.Lead, "plan_interest", "Plan of interest", FieldTypes.Select, Plans),
        ],
        ContactFields = rng =>
        {
            var plan = DemoPeople.Pick(rng, Plans);
            return new JsonObject
            {
                ["plan"] = plan,
                ["seats"] = plan switch { "Starter" => rng.Next(1, 4), "Team" => rng.Next(3, 11), "Business" => rng.Next(10, 51), _ => rng.Next(50, 401) },
            };
        },
        LeadFields = rng => new JsonObject { ["plan_interest"] = DemoPeople.Pick(rng, Plans) },
        Tags = ["enterprise", "priority support", "churn risk", "newsletter", "trial", "beta tester", "reseller"],
        ContactSources = ["website", "trade fair", "referral", "partner", "LinkedIn", "support chat"],
        LeadSources = [("web_form", 40), ("whatsapp", 20), ("telegram", 10), ("instagram", 10), ("manual", 20)],
        ContactNotes =
        [
            "Prefers email over phone; answers within the day.", "Invoices go to the finance team, not to the contact.",
            "Asked for a GDPR data processing agreement before upgrading.", "Evaluating a competitor, price-sensitive.",
            "Power user: runs 14 shared inboxes and asks for API access.", "Speaks German and English; calls in German please.",
            "Renewal due in March; wants annual billing.", "Reported the WhatsApp template issue, fixed in 3.4.",
        ],
        LeadTitles =
        [
            "Demo request for 12 agents", "Upgrade from Team to Business", "WhatsApp Business integration question", "Shared inbox for the hotel reception",
            "Migrating from Zendesk", "Annual billing and invoice in EUR", "SSO with Microsoft Entra ID", "Trial extension request",
            "Chat widget on Shopify store", "Volume discount for 60 seats", "Data residency in the EU", "Instagram DMs in the inbox",
            "Callback about pricing", "Reseller partnership", "Onboarding workshop for the team",
        ],
        Messages =
        [
            "Hi, we run support for three brands and would like one inbox for all of them. Can we book a demo?",
            "Does your Business plan include WhatsApp templates and Instagram DMs?", "We need an invoice with our VAT ID, how do we change billing details?",
            "Is all data stored in the EU? Our DPO asks before we sign.", "Our trial ends on Friday, could we get one more week?",
            "Can we import our ticket history from Zendesk?", "Hallo, gibt es einen Rabatt für gemeinnützige Vereine?",
        ],
        LeadValue = (300, 24000, 100),
        DealTitles =
        [
            "Business plan, 25 seats, annual", "Enterprise rollout, 120 seats", "Team plan upgrade, 8 seats", "Onboarding workshop and migration",
            "WhatsApp channel add-on", "Reseller agreement, first year", "Enterprise SSO and audit log", "Team plan, 5 seats, monthly",
        ],
        DealAmount = (600, 60000, 100),
        WonReasons = ["Chose us for EU hosting and the DPA", "Migration help from Zendesk closed it", "Best price per seat for annual billing"],
        LostReasons = ["Went with Freshdesk, cheaper for their size", "Project postponed to next year", "Needed an on-premises installation"],
        Calls =
        [
            new("Discovery call", "12 agents, three brands, email and WhatsApp. Pain point: no shared history. Sent the Business plan deck."),
            new("Pricing follow-up", "Asked for 15% off for annual billing. Offered 10% plus a free onboarding session."),
            new("No answer", "Left a voicemail and sent a calendar link."),
            new("Technical questions", "Walked through SSO setup and data export. IT will test in the trial."),
            new("Renewal check-in", "Happy with the product, wants to add 5 seats next quarter."),
        ],
        Tasks =
        [
            "Send the DPA and the security whitepaper", "Prepare a quote for 25 seats, annual", "Book the onboarding workshop",
            "Follow up after the trial ends", "Check the invoice address with finance", "Ask for a G2 review",
        ],
    };

    private static readonly string[] Industries = ["Restaurants", "Retail", "Healthcare", "Education", "Real estate", "E-commerce", "Travel"];

    private static readonly string[] BotNames = ["PizzaPal", "SmileDesk", "HomeFinder", "ShopAssist", "StudyBuddy", "TripMate", "FAQ Bot"];

    private static DemoScript Bots => new()
    {
        Slug = "demo-bots",
        Person = DemoPeople.International,
        Companies =
        [
            new("Bella Napoli Pizzeria", "bellanapoli.example.com", "Owner"),
            new("BrightSmile Dental", "brightsmile.example.com", "Practice Manager"),
            new("Keystone Realty", "keystone-realty.example.com", "Marketing Lead"),
            new("Urban Threads", "urbanthreads.example.com", "Head of E-commerce"),
        ],
        Fields =
        [
            new(RecordTypes.Lead, "bot_name", "Bot name", FieldTypes.Text),
            new(RecordTypes.Lead, "intent", "Intent", FieldTypes.Select, ["pricing", "demo", "support", "partnership"]),
            new(RecordTypes.Contact, "industry", "Industry", FieldTypes.Select, Industries),
        ],
        ContactFields = rng => new JsonObject { ["industry"] = DemoPeople.Pick(rng, Industries) },
        LeadFields = rng => new JsonObject
        {
            ["bot_name"] = DemoPeople.Pick(rng, BotNames),
            ["intent"] = DemoPeople.Pick(rng, (string[])["pricing", "pricing", "demo", "support", "partnership"]),
        },
        Tags = ["agency", "telegram", "whatsapp", "qualified", "partner", "enterprise", "startup"],
        ContactSources = ["bot", "website", "Product Hunt", "referral", "webinar", "cold outreach"],
        LeadSources = [("telegram", 35), ("whatsapp", 25), ("web_form", 20), ("instagram", 10), ("manual", 10)],
        ContactNotes =
        [
            "Wants the bot to hand over to a human after 2 failed answers.", "Runs 4 locations; each needs its own menu in the bot.",
            "Budget approved for Q2, decision by the COO.", "Prefers Telegram for quick questions, email for contracts.",
            "Uses HubSpot; asked about syncing leads both ways.", "Time zone: 8 hours behind us, book calls in the morning.",
            "Very happy with the first bot, referred two friends.", "Needs replies in English and Spanish.",
        ],
        LeadTitles =
        [
            "Telegram bot for a pizzeria", "FAQ bot for a dental clinic", "Lead capture bot for real estate", "WhatsApp order bot",
            "Appointment booking bot", "Support bot with human handover", "Quiz bot for a school", "Instagram DM auto-replies",
            "Bot for hotel check-in questions", "Multilingual shop assistant", "Abandoned cart reminders", "Event registration bot",
            "Internal HR helpdesk bot", "Voice of customer survey bot", "Bot migration from ManyChat",
        ],
        Messages =
        [
            "hi! how much for a bot that takes pizza orders in telegram?", "We need a bot that books dental appointments and sends reminders.",
            "Can your bot answer in Spanish and English?", "Looking for a partner to build bots for our agency clients.",
            "Our current bot breaks every week, can you take it over?", "Do you integrate with Shopify and HubSpot?",
            "Is there a free trial or a demo bot we could try?",
        ],
        LeadValue = (200, 8000, 50),
        DealTitles =
        [
            "Order bot, Telegram + WhatsApp", "Booking bot with reminders", "Support bot, 3 languages", "Agency partnership, 10 bots",
            "Lead bot + CRM sync", "Maintenance plan, 12 months", "Instagram DM automation", "Custom GPT assistant",
        ],
        DealAmount = (400, 25000, 50),
        WonReasons = ["Demo bot convinced them in one call", "Fixed price and a 2-week delivery", "Referral from a happy client"],
        LostReasons = ["Built it in-house with a no-code tool", "Budget cut after the funding round slipped", "Chose a cheaper freelancer"],
        Calls =
        [
            new("Scoping call", "Menu of 40 items, delivery zones, payment link. Wants Telegram first, WhatsApp later."),
            new("Demo of the prototype", "Showed the booking flow; they want reminders 24 h and 2 h before."),
            new("No answer", "Sent a Telegram message with two time slots."),
            new("Contract questions", "Asked about hosting costs and who owns the bot. Clarified: they do."),
            new("Post-launch check", "1 200 conversations in the first week, 9% converted to orders."),
        ],
        Tasks =
        [
            "Send the proposal with two pricing options", "Build the demo flow in the sandbox", "Share the WhatsApp Business API checklist",
            "Schedule the launch call", "Collect the FAQ list from the client", "Send the monthly bot report",
        ],
    };

    private static readonly string[] VipLevels = ["Bronze", "Silver", "Gold", "Platinum", "Diamond"];

    private static readonly string[] Games = ["Slots", "Live roulette", "Blackjack", "Sports betting", "Poker", "Crash games"];

    private static DemoScript Gaming => new()
    {
        Slug = "demo-gaming",
        Country = "MT",
        Person = DemoPeople.Player,
        Fields =
        [
            new(RecordTypes.Contact, "vip_level", "VIP level", FieldTypes.Select, VipLevels),
            new(RecordTypes.Contact, "preferred_game", "Preferred game", FieldTypes.Select, Games),
            new(RecordTypes.Deal, "bonus_code", "Bonus code", FieldTypes.Text),
        ],
        ContactFields = rng => new JsonObject
        {
            // Most players are at the bottom of the ladder.
            ["vip_level"] = VipLevels[Math.Min(VipLevels.Length - 1, (int)Math.Floor(-Math.Log(1 - rng.NextDouble()) * 1.1))],
            ["preferred_game"] = DemoPeople.Pick(rng, Games),
        },
        DealFields = rng => new JsonObject { ["bonus_code"] = DemoPeople.Pick(rng, (string[])["VIPGOLD25", "WELCOME100", "CASHBACK10", "LIVE50", "SPORTS20"]) },
        Tags = ["high roller", "bonus hunter", "KYC verified", "deposit limit set", "sportsbook", "live casino", "newsletter"],
        ContactSources = ["affiliate", "organic", "social ads", "referral", "streamer promo", "app store"],
        LeadSources = [("web_form", 35), ("telegram", 20), ("instagram", 20), ("whatsapp", 10), ("manual", 15)],
        ContactNotes =
        [
            "KYC documents approved on the second upload.", "Set a weekly deposit limit; do not send deposit bonus offers.",
            "Prefers live chat in English, sometimes Swedish.", "Birthday in June: eligible for the birthday free spins.",
            "Asked about withdrawal times to Trustly, answered 24 h.", "Plays mostly on mobile in the evening.",
            "VIP manager introduced; prefers WhatsApp contact.", "Complained about a slow payout in May, resolved with a goodwill bonus.",
        ],
        LeadTitles =
        [
            "Registered, no first deposit", "Welcome bonus question", "VIP programme enquiry", "Affiliate partnership request",
            "Live casino tournament sign-up", "Sportsbook odds question", "Payment method not available", "Returning player reactivation",
            "Streamer collaboration", "Loyalty points exchange", "High-roller table request", "Verification help",
        ],
        Messages =
        [
            "Hi, how do I get the welcome bonus on my first deposit?", "Do you have a VIP programme for high rollers?",
            "We run a casino review site and would like to become an affiliate.", "Can I deposit with Revolut?",
            "I signed up but my documents are still pending, can you check?", "When is the next live blackjack tournament?",
        ],
        LeadValue = (50, 5000, 50),
        DealTitles =
        [
            "VIP onboarding, Gold tier", "Affiliate deal, revenue share 30%", "Streamer partnership, 3 months", "High-roller table package",
            "Sportsbook sponsorship, local football club", "Reactivation package", "Tournament sponsorship", "Platinum upgrade",
        ],
        DealAmount = (500, 40000, 100),
        WonReasons = ["Accepted the VIP offer after the call", "Affiliate signed the revenue share agreement", "Sponsorship approved by marketing"],
        LostReasons = ["Player self-excluded: no offers allowed", "Affiliate chose another operator", "Did not pass the source-of-funds check"],
        Calls =
        [
            new("VIP welcome call", "Introduced the VIP manager, explained the cashback tiers. Player prefers WhatsApp."),
            new("Verification support", "Guided through the selfie check; documents resubmitted."),
            new("No answer", "Voicemail left, follow-up email sent."),
            new("Affiliate terms", "Discussed 30% revenue share vs CPA; they want a hybrid deal."),
            new("Responsible gaming check-in", "Player confirmed the deposit limit is fine, no changes wanted."),
        ],
        Tasks =
        [
            "Send the VIP terms and cashback table", "Check the source-of-funds documents", "Prepare the affiliate contract",
            "Follow up on the pending withdrawal", "Invite to the Friday live tournament", "Review the deposit limit request",
        ],
    };
}
