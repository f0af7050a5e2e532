using System.Net;
using Microsoft.Extensions.Options;
using Portico.Crm.Forms;
using Portico.Kernel.Errors;

namespace Portico.UnitTests;

/// <summary>The one fixed window the public routes share, through a limit configured from options (web forms).</summary>
public sealed class PerMinuteLimitTests
{
    private static readonly IPAddress Visitor = IPAddress.Parse("198.51.100.4");

    [Fact]
    public void A_form_takes_its_configured_submissions_a_minute_per_address_then_names_the_wait()
    {
        using var limits = new SubmissionLimits(Options.Create(new WebFormOptions { SubmissionsPerMinute = 3 }));
        for (var i = 0; i < 3; i++)
        {
            limits.Acquire("contact-us", Visitor);
        }

        var refused = Should.Throw<TooManyRequestsException>(() => limits.Acquire("contact-us", Visitor));
        refused.Message.ShouldContain("Too many submissions");
        refused.RetryAfter.ShouldNotBeNull();

        // Another form from the same address counts on its own.
        limits.Acquire("newsletter", Visitor);
    }

    [Fact]
    public void Zero_submissions_a_minute_turns_the_limit_off()
    {
        using var limits = new SubmissionLimits(Options.Create(new WebFormOptions { SubmissionsPerMinute = 0 }));
        for (var i = 0; i < 1_000; i++)
        {
            limits.Acquire("contact-us", Visitor);
        }
    }
}
