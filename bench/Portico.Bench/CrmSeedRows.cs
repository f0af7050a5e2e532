using System.Globalization;
using System.Text;

namespace Portico.Bench;

/// <summary>One lead as the seed writes it; the columns of <see cref="CrmSeed.Insert"/>.</summary>
internal sealed record LeadRow(
    Guid Id,
    string Title,
    string ContactName,
    string? Email,
    string? Phone,
    string? Company,
    string Source,
    Guid StageId,
    DateTimeOffset StageEnteredAt,
    long BoardRank,
    string Priority,
    long? ValueMinor,
    string? Currency,
    Guid? AssigneeId,
    DateTimeOffset CreatedAt,
    string CustomFields,
    string SearchText);

/// <summary>
/// The same leads as the PostgreSQL insert, computed in this process for databases without <c>generate_series</c>
/// and <c>hashtext</c> (SQLite): the same people, titles, shares and ranges, every value a function of the tenant's
/// number and the row number (a SplitMix64 hash here, PostgreSQL's <c>hashtext</c> there, so the two providers get
/// equally distributed but not identical rows), and every run the same rows.
/// </summary>
internal static partial class CrmSeed
{
    private const int YearSeconds = 31_536_000;
    private const int MonthSeconds = 2_592_000;
    private static readonly string[] GermanMobilePrefixes = ["51", "52", "57", "60", "70", "71", "72", "76"];

    /// <summary>
    /// <paramref name="leads"/> rows for <paramref name="tenant"/>, oldest first (as an application that took them over
    /// a year would have written them), <c>created_at</c> spread over the year before <paramref name="now"/>.
    /// </summary>
    public static IEnumerable<LeadRow> Rows(CrmSeedTenant tenant, int leads, DateTimeOffset now)
    {
        var open = tenant.OpenStages;
        Guid[] stages = [open[0], open[0], open[0], open[0], open[Math.Min(1, open.Count - 1)], open[Math.Min(1, open.Count - 1)],
            open[Math.Min(2, open.Count - 1)], open[Math.Min(2, open.Count - 1)], tenant.WonStage, tenant.LostStage];

        // Age in seconds per row; the oldest row first, ties by row number.
        var order = Enumerable.Range(1, leads).Select(i => (Age: Hash(tenant.Number, 't', i) % YearSeconds, Row: i)).ToArray();
        System.Array.Sort(order, (a, b) => a.Age != b.Age ? b.Age.CompareTo(a.Age) : a.Row.CompareTo(b.Row));
        foreach (var (_, i) in order)
        {
            yield return Row(tenant, stages, i, now);
        }
    }

    private static LeadRow Row(CrmSeedTenant tenant, Guid[] stages, int i, DateTimeOffset now)
    {
        var n = tenant.Number;
        int hn = Hash(n, 'n', i), hs = Hash(n, 's', i), hv = Hash(n, 'v', i), ht = Hash(n, 't', i), hc = Hash(n, 'c', i);
        var ru = hn % 3 == 0;

        // Who: a third Russian, the rest European; the name for display, in lower case, and in ASCII for the email.
        string name, ascii;
        if (ru)
        {
            var first = RussianFirst[hn / 3 % RussianFirst.Length];
            var last = RussianLast[hn / 97 % RussianLast.Length];
            name = $"{first.Name} {last.Name}{(first.Woman ? "а" : "")}";
            ascii = $"{first.Ascii}.{last.Ascii}{(first.Woman ? "a" : "")}";
        }
        else
        {
            var first = LatinFirst[hn / 3 % LatinFirst.Length];
            var last = LatinLast[hn / 97 % LatinLast.Length];
            name = $"{first.Name} {last.Name}";
            ascii = $"{first.Ascii}.{last.Ascii}";
        }

        var email = hc % 10 < 9
            ? string.Create(CultureInfo.InvariantCulture, $"{ascii}{(hc % 3 == 0 ? "" : (hc / 10 % 1000).ToString(CultureInfo.InvariantCulture))}@{Domains[hc / 10000 % Domains.Length]}")
            : null;
        var phone = hc / 7 % 5 < 4
            ? ru
                ? string.Create(CultureInfo.InvariantCulture, $"+79{100_000_000 + (hc / 13 % 900_000_000)}")
                : string.Create(CultureInfo.InvariantCulture, $"+491{GermanMobilePrefixes[hc / 17 % 8]}{10_000_000 + (hc / 19 % 90_000_000)}")
            : null;
        var company = hc % 5 == 0 ? Companies[hc / 23 % Companies.Length] : null;
        var titles = ru ? RussianTitles : EnglishTitles;
        var title = hv % 10 < 7 ? titles[hv / 10 % titles.Length] : "Lead: " + name;

        var created = now.AddSeconds(-(ht % YearSeconds));
        created = created.AddTicks(-(created.Ticks % TimeSpan.TicksPerMillisecond)); // milliseconds, as the UUIDv7 holds them
        var entered = created.AddSeconds(hs % MonthSeconds);
        if (entered > now)
        {
            entered = now;
        }

        var hasValue = hv % 5 < 3;
        var customFields = hv % 10 < 9
            ? string.Create(CultureInfo.InvariantCulture, $$"""{"budget":{{hv / 11 % 20001}},"channel":"{{Channels[hv / 13 % Channels.Length]}}"}""")
            : "{}";

        return new LeadRow(
            UuidV7(created, n, i),
            title,
            name,
            email,
            phone,
            company,
            Sources[hs % 10],
            stages[hs / 10 % 10],
            entered,
            entered.ToUnixTimeMilliseconds(),
            Priorities[hs / 100 % Priorities.Length],
            hasValue ? (1 + (hv / 7 % 400)) * 5000L : null,
            hasValue ? "EUR" : null,
            ht % 2 == 0 ? tenant.OwnerId : null,
            created,
            customFields,
            SearchTextOf(title, name, company, email, phone, ru));
    }

    /// <summary>As the PostgreSQL insert builds it: lower-cased title, name and company, the email and its words, the phone and its digits.</summary>
    private static string SearchTextOf(string title, string name, string? company, string? email, string? phone, bool ru)
    {
        var parts = new List<string?>
        {
            title.ToLowerInvariant(),
            name.ToLowerInvariant(),
            company?.ToLowerInvariant(),
            email,
            email is null ? null : EmailWords(email),
            phone,
            phone?[1..],
            phone?[(ru ? 2 : 3)..],
        };
        return string.Join(' ', parts.Where(p => p is not null));
    }

    /// <summary>regexp_replace(email, '[^a-z0-9]+', ' ', 'g'): every run of other characters becomes one space.</summary>
    private static string EmailWords(string email)
    {
        var words = new StringBuilder(email.Length);
        var gap = false;
        foreach (var c in email)
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                words.Append(c);
                gap = false;
            }
            else if (!gap)
            {
                words.Append(' ');
                gap = true;
            }
        }

        return words.ToString();
    }

    /// <summary>A UUIDv7 of the creation time's milliseconds, as the application makes ids, its random bits hashed from the row.</summary>
    private static Guid UuidV7(DateTimeOffset created, int tenant, int i)
    {
        var ms = created.ToUnixTimeMilliseconds().ToString("x12", CultureInfo.InvariantCulture);
        var random = Mix(((ulong)(uint)tenant << 40) ^ ((ulong)'r' << 32) ^ (uint)i).ToString("x16", CultureInfo.InvariantCulture)
            + Mix(((ulong)(uint)tenant << 40) ^ ((ulong)'u' << 32) ^ (uint)i).ToString("x16", CultureInfo.InvariantCulture);
        return Guid.Parse($"{ms[..8]}-{ms[8..12]}-7{random[..3]}-{"89ab"[i % 4]}{random[3..6]}-{random[6..18]}");
    }

    /// <summary>A non-negative 31-bit hash of the tenant's number, a tag (one per column group) and the row number.</summary>
    private static int Hash(int tenant, char tag, int i) => (int)(Mix(((ulong)(uint)tenant << 40) ^ ((ulong)tag << 32) ^ (uint)i) & 0x7fff_ffff);

    /// <summary>SplitMix64's finalizer: every input bit moves every output bit.</summary>
    private static ulong Mix(ulong x)
    {
        x += 0x9e37_79b9_7f4a_7c15;
        x = (x ^ (x >> 30)) * 0xbf58_476d_1ce4_e5b9;
        x = (x ^ (x >> 27)) * 0x94d0_49bb_1331_11eb;
        return x ^ (x >> 31);
    }
}
