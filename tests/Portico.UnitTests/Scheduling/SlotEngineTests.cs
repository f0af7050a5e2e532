using NodaTime;
using NodaTime.Text;
using Portico.Kernel.Errors;
using Portico.Scheduling.Availability;

namespace Portico.UnitTests.Scheduling;

public sealed class SlotEngineTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly DateTimeZone Moscow = DateTimeZoneProviders.Tzdb["Europe/Moscow"];
    private static readonly Guid Anna = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Boris = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid Chair = Guid.Parse("00000000-0000-0000-0000-0000000000c1");
    private static readonly Guid Cut = Guid.Parse("00000000-0000-0000-0000-0000000000f1");
    private static readonly Guid Colour = Guid.Parse("00000000-0000-0000-0000-0000000000f2");

    private static Instant At(string iso) => InstantPattern.ExtendedIso.Parse(iso).Value;

    private static Instant Local(DateTimeZone zone, string localIso) =>
        zone.AtStrictly(LocalDateTimePattern.ExtendedIso.Parse(localIso).Value).ToInstant();

    private static WorkPattern Week(params string[] days) => Hours(days.Select(d => new DayHours(d.Split(' ')[0], d.Split(' ')[1], d.Split(' ')[2])).ToArray());

    private static WorkPattern Hours(DayHours[] hours, DayHours[]? breaks = null, Dictionary<LocalDate, IReadOnlyList<LocalRange>>? overrides = null) =>
        new(WorkPattern.Parse(hours), WorkPattern.Parse(breaks ?? []), overrides);

    private static WorkPattern EveryDay(string start, string end) => Week(WorkPattern.DayNames.Select(d => $"{d} {start} {end}").ToArray());

    private static ServiceStep Service(int minutes, int before = 0, int after = 0, string? kind = null, Guid? id = null) =>
        new(id ?? Cut, Duration.FromMinutes(minutes), Duration.FromMinutes(before), Duration.FromMinutes(after), kind);

    private static StaffCandidate Staff(Guid id, DateTimeZone zone, WorkPattern pattern, ServiceStep[] steps, Interval[]? booked = null, Interval[]? busy = null) =>
        new(id, zone, pattern, booked ?? [], busy ?? [], steps);

    private static SlotQuery Query(
        DateTimeZone zone, string fromDate, string toDate, StaffCandidate[] staff, ResourceCandidate[]? resources = null, Instant? now = null,
        int noticeMinutes = 0, int horizonDays = 365, int stepMinutes = 60, LocalDate[]? holidays = null, bool onePerStart = false)
    {
        var from = LocalDatePattern.Iso.Parse(fromDate).Value;
        var to = LocalDatePattern.Iso.Parse(toDate).Value;
        return new SlotQuery(zone.AtStartOfDay(from).ToInstant(), zone.AtStartOfDay(to.PlusDays(1)).ToInstant(), zone, now ?? At("2026-01-01T00:00:00Z"),
            Duration.FromMinutes(noticeMinutes), Duration.FromDays(horizonDays), Duration.FromMinutes(stepMinutes), staff, resources ?? [], zone, holidays ?? [], onePerStart);
    }

    private static List<string> LocalStarts(IReadOnlyList<SlotDay> days, DateTimeZone zone) =>
        days.SelectMany(d => d.Slots).Select(s => s.Start.InZone(zone).LocalDateTime.ToString("yyyy-MM-dd HH:mm", null)).ToList();

    [Fact]
    public void A_ten_o_clock_slot_in_Berlin_is_ten_on_the_wall_clock_on_the_spring_forward_day()
    {
        var days = SlotEngine.Find(Query(Berlin, "2026-03-29", "2026-03-29", [Staff(Anna, Berlin, EveryDay("09:00", "12:00"), [Service(60)])]));

        LocalStarts(days, Berlin).ShouldBe(["2026-03-29 09:00", "2026-03-29 10:00", "2026-03-29 11:00"]);
        days[0].Slots[1].Start.ShouldBe(At("2026-03-29T08:00:00Z"));
    }

    [Fact]
    public void A_ten_o_clock_slot_in_Berlin_is_ten_on_the_wall_clock_on_the_fall_back_day()
    {
        var days = SlotEngine.Find(Query(Berlin, "2026-10-25", "2026-10-25", [Staff(Anna, Berlin, EveryDay("09:00", "12:00"), [Service(60)])]));

        LocalStarts(days, Berlin).ShouldBe(["2026-10-25 09:00", "2026-10-25 10:00", "2026-10-25 11:00"]);
        days[0].Slots[1].Start.ShouldBe(At("2026-10-25T09:00:00Z"));
    }

    [Fact]
    public void A_night_shift_across_the_spring_forward_gap_is_one_hour_shorter()
    {
        var days = SlotEngine.Find(Query(Berlin, "2026-03-29", "2026-03-29", [Staff(Anna, Berlin, Week("saturday 22:00 04:00"), [Service(60)])]));

        // Saturday 22:00 to Sunday 04:00 on the clocks is five hours that night: 00, 01, 03 start on Sunday (02:00 does not exist).
        LocalStarts(days, Berlin).ShouldBe(["2026-03-29 00:00", "2026-03-29 01:00", "2026-03-29 03:00"]);
    }

    [Fact]
    public void Moscow_has_no_daylight_saving_time()
    {
        var days = SlotEngine.Find(Query(Moscow, "2026-03-29", "2026-03-29", [Staff(Anna, Moscow, EveryDay("10:00", "11:00"), [Service(60)])]));
        var october = SlotEngine.Find(Query(Moscow, "2026-10-25", "2026-10-25", [Staff(Anna, Moscow, EveryDay("10:00", "11:00"), [Service(60)])]));

        days[0].Slots.Single().Start.ShouldBe(At("2026-03-29T07:00:00Z"));
        october[0].Slots.Single().Start.ShouldBe(At("2026-10-25T07:00:00Z"));
    }

    [Fact]
    public void An_overnight_shift_offers_slots_on_both_dates()
    {
        var days = SlotEngine.Find(Query(Moscow, "2026-12-10", "2026-12-11", [Staff(Anna, Moscow, Week("thursday 22:00 02:00"), [Service(60)])]));

        LocalStarts(days, Moscow).ShouldBe(["2026-12-10 22:00", "2026-12-10 23:00", "2026-12-11 00:00", "2026-12-11 01:00"]);
        days.Select(d => d.Date).ShouldBe([new LocalDate(2026, 12, 10), new LocalDate(2026, 12, 11)]);
    }

    [Fact]
    public void A_slot_may_end_exactly_at_closing_but_not_a_minute_later()
    {
        var pattern = Week("thursday 10:00 12:00");

        LocalStarts(SlotEngine.Find(Query(Moscow, "2026-12-10", "2026-12-10", [Staff(Anna, Moscow, pattern, [Service(60)])], stepMinutes: 60)), Moscow)
            .ShouldBe(["2026-12-10 10:00", "2026-12-10 11:00"]);
        LocalStarts(SlotEngine.Find(Query(Moscow, "2026-12-10", "2026-12-10", [Staff(Anna, Moscow, pattern, [Service(61)])], stepMinutes: 60)), Moscow)
            .ShouldBe(["2026-12-10 10:00"]);
    }

    [Fact]
    public void Busy_time_ending_exactly_at_a_start_leaves_that_start_free_and_one_minute_later_takes_it()
    {
        var pattern = Week("thursday 10:00 12:00");
        Interval Busy(string until) => new(Local(Moscow, "2026-12-10T09:00:00"), Local(Moscow, until));

        LocalStarts(SlotEngine.Find(Query(Moscow, "2026-12-10", "2026-12-10", [Staff(Anna, Moscow, pattern, [Service(60)], booked: [Busy("2026-12-10T11:00:00")])])), Moscow)
            .ShouldBe(["2026-12-10 11:00"]);
        LocalStarts(SlotEngine.Find(Query(Moscow, "2026-12-10", "2026-12-10", [Staff(Anna, Moscow, pattern, [Service(60)], booked: [Busy("2026-12-10T11:01:00")])])), Moscow)
            .ShouldBeEmpty();
    }

    [Fact]
    public void Buffers_keep_the_time_around_a_slot_free_and_back_to_back_blocks_fit_exactly()
    {
        var pattern = Week("thursday 10:00 14:00");
        // Someone else's block, buffers included, 10:00–11:00. Our service: 10 min before, 50 min, 10 min after (70 min blocked).
        var booked = new Interval(Local(Moscow, "2026-12-10T10:00:00"), Local(Moscow, "2026-12-10T11:00:00"));
        var days = SlotEngine.Find(Query(Moscow, "2026-12-10", "2026-12-10", [Staff(Anna, Moscow, pattern, [Service(50, 10, 10)], booked: [booked])], stepMinutes: 10));

        // Earliest: blocked from 11:00 → start 11:10; latest: blocked until 14:00 → start 13:00.
        var starts = LocalStarts(days, Moscow);
        starts[0].ShouldBe("2026-12-10 11:10");
        starts[^1].ShouldBe("2026-12-10 13:00");
        var first = days[0].Slots[0];
        first.Parts.Single().BlockedFrom.ShouldBe(booked.End);
        first.End.ShouldBe(Local(Moscow, "2026-12-10T12:00:00"));
    }

    [Fact]
    public void Breaks_time_off_and_holidays_are_not_offered()
    {
        var pattern = Hours([new DayHours("thursday", "10:00", "14:00"), new DayHours("friday", "10:00", "14:00")], [new DayHours("thursday", "12:00", "13:00")]);
        var timeOff = new Interval(Local(Moscow, "2026-12-10T10:00:00"), Local(Moscow, "2026-12-10T11:00:00"));
        var days = SlotEngine.Find(Query(Moscow, "2026-12-10", "2026-12-11", [Staff(Anna, Moscow, pattern, [Service(60)], busy: [timeOff])],
            holidays: [new LocalDate(2026, 12, 11)]));

        LocalStarts(days, Moscow).ShouldBe(["2026-12-10 11:00", "2026-12-10 13:00"]);
    }

    [Fact]
    public void A_date_override_replaces_that_dates_hours_and_an_empty_one_closes_it()
    {
        var overrides = new Dictionary<LocalDate, IReadOnlyList<LocalRange>>
        {
            [new LocalDate(2026, 12, 10)] = [new LocalRange(new LocalTime(15, 0), new LocalTime(16, 0))],
            [new LocalDate(2026, 12, 11)] = [],
        };
        var pattern = Hours([new DayHours("thursday", "10:00", "12:00"), new DayHours("friday", "10:00", "12:00")], null, overrides);

        LocalStarts(SlotEngine.Find(Query(Moscow, "2026-12-10", "2026-12-11", [Staff(Anna, Moscow, pattern, [Service(60)])])), Moscow)
            .ShouldBe(["2026-12-10 15:00"]);
    }

    [Fact]
    public void Minimum_notice_horizon_and_step_bound_the_starts()
    {
        var staff = Staff(Anna, Moscow, EveryDay("10:00", "18:00"), [Service(30)]);
        var now = Local(Moscow, "2026-12-10T11:05:00");

        var days = SlotEngine.Find(Query(Moscow, "2026-12-10", "2026-12-20", [staff], now: now, noticeMinutes: 60, horizonDays: 1, stepMinutes: 15));

        var starts = LocalStarts(days, Moscow);
        starts[0].ShouldBe("2026-12-10 12:15");
        starts[^1].ShouldBe("2026-12-11 11:00");
        starts.ShouldAllBe(s => s.EndsWith(":00") || s.EndsWith(":15") || s.EndsWith(":30") || s.EndsWith(":45"));
    }

    [Fact]
    public void A_resource_of_capacity_two_holds_two_bookings_at_once_and_not_a_third()
    {
        var at = new Interval(Local(Moscow, "2026-12-10T10:00:00"), Local(Moscow, "2026-12-10T11:00:00"));
        var room = new ResourceCandidate(Chair, "room", Moscow, null, [[at], []]);
        var full = room with { UnitBusy = [[at], [at]] };
        StaffCandidate[] staff = [Staff(Anna, Moscow, Week("thursday 10:00 11:00"), [Service(60, kind: "room")])];

        var one = SlotEngine.Find(Query(Moscow, "2026-12-10", "2026-12-10", staff, [room])).SelectMany(d => d.Slots).Single();
        one.ResourceId.ShouldBe(Chair);
        one.ResourceUnit.ShouldBe(1);
        SlotEngine.Find(Query(Moscow, "2026-12-10", "2026-12-10", staff, [full])).ShouldBeEmpty();
        SlotEngine.Find(Query(Moscow, "2026-12-10", "2026-12-10", staff, [])).ShouldBeEmpty();
    }

    [Fact]
    public void A_resource_outside_its_own_hours_is_not_free()
    {
        var room = new ResourceCandidate(Chair, "room", Moscow, Week("thursday 11:00 20:00"), [[]]);
        var days = SlotEngine.Find(Query(Moscow, "2026-12-10", "2026-12-10", [Staff(Anna, Moscow, Week("thursday 10:00 13:00"), [Service(60, kind: "room")])], [room]));

        LocalStarts(days, Moscow).ShouldBe(["2026-12-10 11:00", "2026-12-10 12:00"]);
    }

    [Fact]
    public void Services_in_sequence_need_the_whole_span_with_buffers_between_them()
    {
        ServiceStep[] steps = [Service(60, 0, 15, id: Cut), Service(45, 15, 0, id: Colour)];
        var days = SlotEngine.Find(Query(Moscow, "2026-12-10", "2026-12-10", [Staff(Anna, Moscow, Week("thursday 10:00 13:00"), steps)], stepMinutes: 15));

        // 60 + 15 + 15 + 45 = 135 minutes: 10:00 … 10:45 fit in a 180-minute day.
        LocalStarts(days, Moscow).ShouldBe(["2026-12-10 10:00", "2026-12-10 10:15", "2026-12-10 10:30", "2026-12-10 10:45"]);
        var parts = days[0].Slots[0].Parts;
        parts[1].Start.ShouldBe(Local(Moscow, "2026-12-10T11:30:00"));
        parts[0].BlockedUntil.ShouldBe(parts[1].BlockedFrom);
        days[0].Slots[0].End.ShouldBe(Local(Moscow, "2026-12-10T12:15:00"));
    }

    [Fact]
    public void Any_staff_offers_one_slot_per_start_to_the_least_booked_person_that_day()
    {
        var pattern = Week("thursday 10:00 14:00");
        var booked = new Interval(Local(Moscow, "2026-12-10T10:00:00"), Local(Moscow, "2026-12-10T11:00:00"));
        StaffCandidate[] staff = [Staff(Anna, Moscow, pattern, [Service(60)], booked: [booked]), Staff(Boris, Moscow, pattern, [Service(60)])];

        var any = SlotEngine.Find(Query(Moscow, "2026-12-10", "2026-12-10", staff, onePerStart: true)).SelectMany(d => d.Slots).ToList();
        var all = SlotEngine.Find(Query(Moscow, "2026-12-10", "2026-12-10", staff)).SelectMany(d => d.Slots).ToList();

        any.Count.ShouldBe(4);
        any.ShouldAllBe(s => s.StaffId == Boris);
        all.Count.ShouldBe(7);
    }

    [Fact]
    public void Slots_are_grouped_by_the_clients_date()
    {
        var days = SlotEngine.Find(Query(Moscow, "2026-12-10", "2026-12-10", [Staff(Anna, Moscow, Week("thursday 10:00 12:00"), [Service(60)])]) with
        {
            ClientZone = DateTimeZoneProviders.Tzdb["America/New_York"],
        });

        // 10:00 Moscow is 02:00 in New York the same date; the range asked for is still Moscow's 10 December.
        days.Single().Date.ShouldBe(new LocalDate(2026, 12, 10));
        days.Single().Slots.Count.ShouldBe(2);
    }

    [Fact]
    public void Fifty_staff_over_thirty_days_offer_each_start_once_and_only_where_someone_is_free()
    {
        // The size of a busy salon's month (its speed is measured by bench/run.sh slots, not here).
        var random = new Random(7);
        var staff = Enumerable.Range(0, 50).Select(i =>
        {
            var booked = Enumerable.Range(0, 400).Select(_ =>
            {
                var start = Local(Moscow, "2026-12-01T10:00:00") + Duration.FromMinutes((random.Next(0, 30) * 1440) + (random.Next(0, 32) * 15));
                return new Interval(start, start + Duration.FromMinutes(45));
            }).ToArray();
            return Staff(Guid.NewGuid(), Moscow, EveryDay("10:00", "20:00"), [Service(60, 5, 10, "chair")], booked: booked);
        }).ToArray();
        var resources = Enumerable.Range(0, 10).Select(_ => new ResourceCandidate(Guid.NewGuid(), "chair", Moscow, null, [[], []])).ToArray();
        var query = Query(Moscow, "2026-12-01", "2026-12-30", staff, resources, stepMinutes: 15, onePerStart: true);

        var days = SlotEngine.Find(query);

        days.Count.ShouldBe(30);
        days.ShouldAllBe(d => d.Slots.Count > 0);
        foreach (var slot in days.SelectMany(d => d.Slots))
        {
            // The staff member offered has no booking in the slot.
            var member = staff.Single(m => m.Id == slot.StaffId);
            member.Booked.ShouldNotContain(b => b.Start < slot.End && slot.Start < b.End);
        }

        days.SelectMany(d => d.Slots).Select(s => s.Start).ShouldBeUnique();
    }

    [Fact]
    public void A_week_with_overlapping_intervals_is_refused_including_a_night_shift_into_the_next_day()
    {
        WorkPattern.CheckWeek(new Rules(), [new DayHours("monday", "09:00", "12:00"), new DayHours("monday", "12:00", "18:00")], "hours").IsValid.ShouldBeTrue();
        WorkPattern.CheckWeek(new Rules(), [new DayHours("monday", "09:00", "12:00"), new DayHours("monday", "11:59", "18:00")], "hours").IsValid.ShouldBeFalse();
        WorkPattern.CheckWeek(new Rules(), [new DayHours("sunday", "22:00", "04:00"), new DayHours("monday", "03:00", "10:00")], "hours").IsValid.ShouldBeFalse();
        WorkPattern.CheckWeek(new Rules(), [new DayHours("funday", "25:00", "04:00")], "hours").IsValid.ShouldBeFalse();
    }
}
