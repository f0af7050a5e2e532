using System.Globalization;
using System.Text;

namespace Portico.Crm.Demo;

/// <summary>
/// One made-up person of a demo tenant: a name, a phone written the way people of that country type it (the
/// CRM normalizes it to E.164 with the tenant's country), an email most of them have, and a messenger handle.
/// </summary>
internal sealed record DemoPerson(string FirstName, string LastName, string Phone, string? Email, string Handle)
{
    public string Name => $"{FirstName} {LastName}";
}

/// <summary>Plausible people by country, drawn from a seeded <see cref="Random"/> so a rerun makes the same ones.</summary>
internal static class DemoPeople
{
    private static readonly string[] RussianWomen =
    [
        "Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Екатерина", "Светлана", "Юлия", "Ирина",
        "Дарья", "Алина", "Виктория", "Ксения", "Полина", "Алёна", "Марина", "Вероника", "Софья", "Кристина",
    ];

    private static readonly string[] RussianMen =
    [
        "Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья", "Кирилл", "Михаил",
        "Никита", "Евгений", "Иван", "Роман", "Павел", "Владимир", "Денис", "Константин", "Олег", "Игорь",
    ];

    // Every one of these takes «-а» for a woman: Иванов → Иванова, Ильин → Ильина.
    private static readonly string[] RussianSurnames =
    [
        "Иванов", "Петров", "Соколов", "Кузнецов", "Попов", "Лебедев", "Новиков", "Морозов", "Волков", "Соловьёв",
        "Васильев", "Зайцев", "Павлов", "Семёнов", "Голубев", "Виноградов", "Богданов", "Воробьёв", "Фёдоров", "Михайлов",
        "Беляев", "Тарасов", "Белов", "Комаров", "Орлов", "Киселёв", "Макаров", "Андреев", "Ковалёв", "Ильин",
        "Гусев", "Титов", "Кузьмин", "Кудрявцев", "Баранов", "Куликов", "Алексеев", "Степанов", "Яковлев", "Сорокин",
    ];

    // Mobile codes of the big Russian operators (MTS, MegaFon, Beeline, Tele2).
    private static readonly int[] RussianMobileCodes = [903, 905, 906, 909, 910, 912, 915, 916, 917, 919, 921, 925, 926, 929, 950, 952, 960, 962, 964, 977, 985, 999];

    private static readonly string[] RussianMailDomains = ["mail.ru", "yandex.ru", "gmail.com", "bk.ru", "inbox.ru", "list.ru", "rambler.ru", "ya.ru"];

    private static readonly string[] GermanFirstNames =
    [
        "Lukas", "Anna", "Jonas", "Lea", "Felix", "Laura", "Maximilian", "Sophie", "Paul", "Marie", "Leon", "Hannah",
        "Finn", "Emilia", "Tim", "Julia", "Niklas", "Lena", "Jan", "Katharina", "Moritz", "Clara", "Tobias", "Johanna",
    ];

    private static readonly string[] GermanSurnames =
    [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter",
        "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Werner",
    ];

    private static readonly int[] GermanMobileCodes = [151, 152, 157, 160, 162, 170, 171, 172, 173, 175, 176, 177, 178, 179];

    private static readonly string[] GermanMailDomains = ["gmail.com", "web.de", "gmx.de", "t-online.de", "outlook.de", "posteo.de"];

    private static readonly (string First, string Last, string Country)[] InternationalNames =
    [
        ("Olivia", "Bennett", "US"), ("Ethan", "Brooks", "US"), ("Madison", "Reed", "US"), ("Caleb", "Foster", "US"), ("Hannah", "Price", "US"),
        ("Tyler", "Morgan", "US"), ("Chloe", "Hughes", "GB"), ("Oliver", "Walsh", "GB"), ("Amelia", "Clarke", "GB"), ("Harry", "Dawson", "GB"),
        ("Isla", "Murray", "GB"), ("George", "Holt", "GB"), ("Lucía", "García", "ES"), ("Javier", "Martínez", "ES"), ("Carmen", "López", "ES"),
        ("Pablo", "Sánchez", "ES"), ("Priya", "Sharma", "IN"), ("Arjun", "Mehta", "IN"), ("Ananya", "Iyer", "IN"), ("Rohan", "Kapoor", "IN"),
        ("Zofia", "Mazur", "PL"), ("Jakub", "Nowak", "PL"), ("Maja", "Kowalczyk", "PL"), ("Kacper", "Wójcik", "PL"), ("Giulia", "Romano", "IT"),
        ("Marco", "Ricci", "IT"), ("Sara", "Conti", "IT"), ("Noah", "Keller", "DE"), ("Mila", "Becker", "DE"), ("Daan", "de Vries", "NL"),
        ("Sanne", "Jansen", "NL"), ("Lars", "Visser", "NL"), ("Emma", "Dubois", "FR"), ("Hugo", "Laurent", "FR"), ("Léa", "Moreau", "FR"),
        ("Mateus", "Silva", "BR"), ("Beatriz", "Costa", "BR"), ("Kenji", "Tanaka", "JP"), ("Aiko", "Sato", "JP"), ("Omar", "Haddad", "AE"),
        ("Layla", "Nasser", "AE"), ("Liam", "O'Connor", "IE"), ("Aoife", "Byrne", "IE"), ("Sipho", "Ndlovu", "ZA"),
    ];

    private static readonly string[] InternationalMailDomains = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "hotmail.com"];

    private static readonly string[] MalteseFirstNames =
    [
        "Matthew", "Maria", "Luke", "Martina", "Jake", "Nicole", "Kurt", "Michela", "Clayton", "Rebecca", "Karl", "Francesca",
        "Andrea", "Elena", "Gabriel", "Leanne", "Jean", "Christine", "Neil", "Bettina",
    ];

    private static readonly string[] MalteseSurnames =
    [
        "Borg", "Camilleri", "Vella", "Farrugia", "Zammit", "Galea", "Micallef", "Grech", "Attard", "Spiteri",
        "Azzopardi", "Cassar", "Debono", "Mifsud", "Caruana", "Pace", "Agius", "Schembri", "Fenech", "Sammut",
    ];

    private static readonly (string First, string Last, string Country)[] PlayersAbroad =
    [
        ("Erik", "Lindqvist", "SE"), ("Johanna", "Berg", "SE"), ("Oskar", "Nilsson", "SE"), ("Elin", "Sandberg", "SE"), ("Mikko", "Virtanen", "FI"),
        ("Aino", "Korhonen", "FI"), ("Ville", "Mäkinen", "FI"), ("Sondre", "Hansen", "NO"), ("Ingrid", "Solberg", "NO"), ("Jack", "Turner", "GB"),
        ("Sophie", "Wright", "GB"), ("Callum", "Fraser", "GB"), ("Ryan", "Kelly", "IE"), ("Niamh", "Doyle", "IE"), ("Anna", "Lehmann", "DE"),
        ("Stefan", "Huber", "AT"), ("Kai", "Jensen", "DK"), ("Freja", "Larsen", "DK"),
    ];

    /// <summary>A Russian client: women with the «-а» surname, phones as «+7 (916) 123-45-67», «8 916 123 45 67» or «89161234567».</summary>
    public static DemoPerson Russian(Random rng, double womenShare)
    {
        var woman = rng.NextDouble() < womenShare;
        var first = Pick(rng, woman ? RussianWomen : RussianMen);
        var last = Pick(rng, RussianSurnames) + (woman ? "а" : "");
        var code = Pick(rng, RussianMobileCodes);
        var (a, b, c) = (rng.Next(100, 1000), rng.Next(0, 100), rng.Next(0, 100));
        var phone = rng.Next(4) switch
        {
            0 => Invariant($"+7 ({code}) {a}-{b:00}-{c:00}"),
            1 => Invariant($"8 {code} {a} {b:00} {c:00}"),
            2 => Invariant($"8{code}{a}{b:00}{c:00}"),
            _ => Invariant($"+7{code}{a}{b:00}{c:00}"),
        };
        var (latinFirst, latinLast) = (Transliterate(first), Transliterate(last));
        return new DemoPerson(first, last, phone, Email(rng, latinFirst, latinLast, RussianMailDomains, 0.7), Handle(rng, latinFirst, latinLast));
    }

    /// <summary>A German customer: mobiles as «0151 23456789», «+49 170 1234567» or «0176/12345678».</summary>
    public static DemoPerson German(Random rng)
    {
        var first = Pick(rng, GermanFirstNames);
        var last = Pick(rng, GermanSurnames);
        var code = Pick(rng, GermanMobileCodes);
        var subscriber = rng.Next(1_000_000, 10_000_000).ToString(CultureInfo.InvariantCulture) + (code is 151 or 152 or 157 or 176 or 177 or 178 or 179 ? rng.Next(10).ToString(CultureInfo.InvariantCulture) : "");
        var phone = rng.Next(3) switch
        {
            0 => $"0{code} {subscriber}",
            1 => $"+49 {code} {subscriber}",
            _ => $"0{code}/{subscriber}",
        };
        var (latinFirst, latinLast) = (Ascii(first), Ascii(last));
        return new DemoPerson(first, last, phone, Email(rng, latinFirst, latinLast, GermanMailDomains, 0.9), Handle(rng, latinFirst, latinLast));
    }

    /// <summary>Someone from anywhere (the bot studio's clients): a tenant without a country, so every phone is international.</summary>
    public static DemoPerson International(Random rng)
    {
        // First and family names of two people from the same country: more names than pairs, and still plausible.
        var (first, _, country) = Pick(rng, InternationalNames);
        var last = Pick(rng, InternationalNames.Where(n => n.Country == country).ToList()).Last;
        var (latinFirst, latinLast) = (Ascii(first), Ascii(last));
        return new DemoPerson(first, last, InternationalPhone(rng, country), Email(rng, latinFirst, latinLast, InternationalMailDomains, 0.95), Handle(rng, latinFirst, latinLast));
    }

    /// <summary>A player of the Malta-licensed casino: Maltese locals with national numbers («7912 3456»), and players abroad with international ones.</summary>
    public static DemoPerson Player(Random rng)
    {
        string first, last, phone;
        if (rng.NextDouble() < 0.55)
        {
            (first, last) = (Pick(rng, MalteseFirstNames), Pick(rng, MalteseSurnames));
            var prefix = Pick(rng, (int[])[79, 99, 77, 98]);
            phone = Invariant($"{prefix}{rng.Next(10, 100)} {rng.Next(1000, 10000)}");
        }
        else
        {
            string country;
            (first, last, country) = Pick(rng, PlayersAbroad);
            phone = InternationalPhone(rng, country);
        }

        var (latinFirst, latinLast) = (Ascii(first), Ascii(last));
        return new DemoPerson(first, last, phone, Email(rng, latinFirst, latinLast, InternationalMailDomains, 1.0), Handle(rng, latinFirst, latinLast));
    }

    /// <summary>An office number of a company in the country, written nationally.</summary>
    public static string OfficePhone(Random rng, string country) => country switch
    {
        "RU" => Invariant($"+7 (495) {rng.Next(100, 1000)}-{rng.Next(0, 100):00}-{rng.Next(0, 100):00}"),
        "DE" => Invariant($"0{Pick(rng, (int[])[30, 40, 89, 221, 69])} {rng.Next(1_000_000, 10_000_000)}"),
        _ => InternationalPhone(rng, "US"),
    };

    private static string InternationalPhone(Random rng, string country) => country switch
    {
        "US" => Invariant($"+1 {Pick(rng, (int[])[212, 415, 617, 312, 512, 206, 303])} {rng.Next(200, 1000)} {rng.Next(1000, 10000)}"),
        "GB" => Invariant($"+44 7{rng.Next(400, 1000)} {rng.Next(100_000, 1_000_000)}"),
        "ES" => Invariant($"+34 6{rng.Next(10, 100)} {rng.Next(100, 1000)} {rng.Next(100, 1000)}"),
        "IN" => Invariant($"+91 9{rng.Next(1000, 10000)} {rng.Next(10000, 100000)}"),
        "PL" => Invariant($"+48 {Pick(rng, (int[])[501, 602, 691, 730, 785])} {rng.Next(100, 1000)} {rng.Next(100, 1000)}"),
        "IT" => Invariant($"+39 3{rng.Next(20, 50)} {rng.Next(100, 1000)} {rng.Next(1000, 10000)}"),
        "DE" => Invariant($"+49 1{Pick(rng, (int[])[51, 60, 70, 76])} {rng.Next(1_000_000, 10_000_000)}"),
        "NL" => Invariant($"+31 6 {rng.Next(1000_0000, 10000_0000)}"),
        "FR" => Invariant($"+33 6 {rng.Next(10, 100)} {rng.Next(10, 100)} {rng.Next(10, 100)} {rng.Next(10, 100)}"),
        "BR" => Invariant($"+55 11 9{rng.Next(1000, 10000)}-{rng.Next(1000, 10000)}"),
        "JP" => Invariant($"+81 90 {rng.Next(1000, 10000)} {rng.Next(1000, 10000)}"),
        "AE" => Invariant($"+971 50 {rng.Next(100, 1000)} {rng.Next(1000, 10000)}"),
        "IE" => Invariant($"+353 8{Pick(rng, (int[])[3, 5, 6, 7])} {rng.Next(100, 1000)} {rng.Next(1000, 10000)}"),
        "ZA" => Invariant($"+27 8{rng.Next(2, 5)} {rng.Next(100, 1000)} {rng.Next(1000, 10000)}"),
        "SE" => Invariant($"+46 7{Pick(rng, (int[])[0, 2, 3, 6, 9])} {rng.Next(100, 1000)} {rng.Next(10, 100)} {rng.Next(10, 100)}"),
        "FI" => Invariant($"+358 40 {rng.Next(100, 1000)} {rng.Next(1000, 10000)}"),
        "NO" => Invariant($"+47 9{rng.Next(10, 100)} {rng.Next(10, 100)} {rng.Next(100, 1000)}"),
        "AT" => Invariant($"+43 664 {rng.Next(1_000_000, 10_000_000)}"),
        "DK" => Invariant($"+45 {rng.Next(20, 30)} {rng.Next(10, 100)} {rng.Next(10, 100)} {rng.Next(10, 100)}"),
        _ => Invariant($"+44 7{rng.Next(400, 1000)} {rng.Next(100_000, 1_000_000)}"),
    };

    private static string? Email(Random rng, string first, string last, string[] domains, double share)
    {
        if (rng.NextDouble() >= share)
        {
            return null;
        }

        var (f, l) = (Local(first), Local(last));
        var local = rng.Next(5) switch
        {
            0 => $"{f}.{l}",
            1 => Invariant($"{f}{l}{rng.Next(70, 100)}"),
            2 => $"{f[0]}.{l}",
            3 => $"{l}.{f}",
            _ => Invariant($"{f}_{rng.Next(1, 1000)}"),
        };
        return $"{local}@{Pick(rng, domains)}";
    }

    private static string Handle(Random rng, string first, string last) =>
        rng.Next(3) switch
        {
            0 => $"{Local(first)}_{Local(last)}",
            1 => Invariant($"{Local(first)}{Local(last)[0]}{rng.Next(1, 100)}"),
            _ => $"{Local(first)}.{Local(last)}",
        };

    private static string Local(string latin) => new(latin.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());

    /// <summary>Russian to Latin the way people spell their email addresses (passport-style: «Щ» → «shch», «Ж» → «zh»).</summary>
    public static string Transliterate(string russian)
    {
        var latin = new StringBuilder(russian.Length * 2);
        foreach (var c in russian)
        {
            var lower = char.ToLowerInvariant(c);
            var mapped = lower switch
            {
                'а' => "a", 'б' => "b", 'в' => "v", 'г' => "g", 'д' => "d", 'е' or 'ё' or 'э' => "e", 'ж' => "zh", 'з' => "z",
                'и' => "i", 'й' or 'ы' => "y", 'к' => "k", 'л' => "l", 'м' => "m", 'н' => "n", 'о' => "o", 'п' => "p", 'р' => "r",
                'с' => "s", 'т' => "t", 'у' => "u", 'ф' => "f", 'х' => "kh", 'ц' => "ts", 'ч' => "ch", 'ш' => "sh", 'щ' => "shch",
                'ъ' or 'ь' => "", 'ю' => "yu", 'я' => "ya",
                _ => lower.ToString(),
            };
            latin.Append(char.IsUpper(c) && mapped.Length > 0 ? char.ToUpperInvariant(mapped[0]) + mapped[1..] : mapped);
        }

        return latin.ToString();
    }

    /// <summary>Umlauts and accents as an email address spells them: «Müller» → «Mueller», «García» → «Garcia».</summary>
    private static string Ascii(string name)
    {
        var text = name.Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal)
            .Replace("ü", "ue", StringComparison.Ordinal).Replace("ß", "ss", StringComparison.Ordinal).Replace("Ö", "Oe", StringComparison.Ordinal)
            .Replace("Ü", "Ue", StringComparison.Ordinal).Replace("Ä", "Ae", StringComparison.Ordinal).Replace("ł", "l", StringComparison.Ordinal);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        return new string(decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());
    }

    public static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
