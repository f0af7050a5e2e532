using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Portico.Identity.Accounts;

/// <summary>Settings under <c>Portico:SignInThrottle</c>. Always on, also when the rate limits are off.</summary>
internal sealed class SignInThrottleOptions
{
    public const string Section = "Portico:SignInThrottle";

    /// <summary>Failed attempts per account identifier before each further attempt has to wait.</summary>
    public int FreeFailures { get; set; } = 5;

    /// <summary>The wait after the last free failure; it doubles with each further failure.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures are forgotten after this long without a new one.</summary>
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Identifiers tracked at most (a spray over random addresses cannot grow memory without bound).</summary>
    public int MaxTracked { get; set; } = 200_000;
}

/// <summary>
/// Progressive delays keyed by the account identifier (the email's lookup key), not by whether an account
/// exists: a known and an unknown address get the same answers, in the same order, with the same
/// <c>Retry-After</c>. After <see cref="SignInThrottleOptions.FreeFailures"/> failures each further attempt
/// waits FirstDelay, then twice that, up to MaxDelay; a wait answers 429 before any password is checked.
/// An attempt in flight holds the next wait in advance, so parallel guesses get no more tries than
/// sequential ones. Success, a password reset, or a link opened from the mailbox clears the record, so
/// nobody can keep an owner out. Kept per instance, in memory: with N instances a guesser gets N shares.
/// </summary>
internal sealed class FailureThrottle(IOptions<SignInThrottleOptions> options, TimeProvider clock, SecurityEvents events) : IDisposable
{
    public const string SignIn = "sign-in";
    public const string ResetCode = "reset-code";

    private readonly MemoryCache _records = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxTracked, CompactionPercentage = 0.1 });

    /// <summary>Starts an attempt, or throws 429 with the wait left. Report the outcome on the returned attempt.</summary>
    public Attempt Enter(string scope, string email)
    {
        var key = (scope, User: Users.User.Normalize(email));
        Record record;
        lock (_records) // GetOrCreate alone may make two records for one key when requests race
        {
            record = _records.GetOrCreate(key, entry =>
            {
                entry.Size = 1;
                entry.SlidingExpiration = options.Value.ForgetAfter;
                return new Record();
            })!;
        }

        var now = clock.GetUtcNow();
        lock (record)
        {
            if (record.NotBefore > now)
            {
                var wait = record.NotBefore - now;
                events.SignInThrottled(email, scope, wait);
                throw new TooManyRequestsException("Too many failed attempts for this account. Wait as Retry-After says, or sign in with a link or a password reset sent to the mailbox.", wait);
            }

            record.Pending++;
            HoldNextWait(record, record.Failures + record.Pending, now);
        }

        return new Attempt(this, key, record);
    }

    /// <summary>Forgets the failures of an account in every scope: after a success, a reset or an emailed link.</summary>
    public void Clear(string email)
    {
        var user = Users.User.Normalize(email);
        _records.Remove((SignIn, user));
        _records.Remove((ResetCode, user));
    }

    public void Dispose() => _records.Dispose();

    private void RecordFailure(Record record) => HoldNextWait(record, ++record.Failures, clock.GetUtcNow());

    private void HoldNextWait(Record record, int failures, DateTimeOffset now)
    {
        var settings = options.Value;
        var beyond = failures - settings.FreeFailures;
        if (beyond >= 0)
        {
            var delay = TimeSpan.FromTicks((long)Math.Min(settings.MaxDelay.Ticks, settings.FirstDelay.Ticks * Math.Pow(2, Math.Min(beyond, 40))));
            record.NotBefore = now + delay;
        }
    }

    /// <summary>The failures of one identifier in one scope; locked while read or changed.</summary>
    internal sealed class Record
    {
        public int Failures { get; set; }

        public int Pending { get; set; }

        public DateTimeOffset NotBefore { get; set; }
    }

    /// <summary>One attempt under way; disposing it without an outcome (an error, a cancelled request) releases it.</summary>
    internal sealed class Attempt(FailureThrottle owner, (string Scope, string User) key, Record record) : IDisposable
    {
        private bool _done;

        public void Failed()
        {
            lock (record)
            {
                Release();
                owner.RecordFailure(record);
            }
        }

        public void Succeeded()
        {
            lock (record)
            {
                Release();
            }

            owner._records.Remove(key);
        }

        public void Dispose()
        {
            lock (record)
            {
                Release();
            }
        }

        private void Release()
        {
            if (!_done)
            {
                _done = true;
                record.Pending--;
            }
        }
    }
}
