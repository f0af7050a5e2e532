namespace Portico.Kernel.Errors;

/// <summary>
/// An expected failure of a use case. The host turns each kind into an RFC 9457 problem
/// details answer in one place, so handlers only say what went wrong.
/// </summary>
public abstract class PorticoProblemException(string title, string detail) : Exception(detail)
{
    /// <summary>Where every problem type URI starts; the <see cref="Code"/> completes it.</summary>
    public const string TypeBase = "https://docs.portico.dev/problems/";

    public string Title { get; } = title;

    public abstract int Status { get; }

    /// <summary>Stable machine-readable code, appended to the problem type URI.</summary>
    public abstract string Code { get; }

    /// <summary>When set, the answer carries a <c>Retry-After</c> header.</summary>
    public virtual TimeSpan? RetryAfter => null;

    /// <summary>Extra members of the problem document (such as <c>available</c> on <c>insufficient-stock</c>).</summary>
    public virtual IReadOnlyDictionary<string, object?>? Extensions => null;
}

/// <summary>404: the record does not exist, or belongs to another tenant (never 403 for that).</summary>
public sealed class NotFoundException(string entity, object id)
    : PorticoProblemException("Not found", $"{entity} '{id}' was not found.")
{
    public override int Status => 404;

    public override string Code => "not-found";
}

/// <summary>409: the request conflicts with the current state (a duplicate slug, a record in use).</summary>
public sealed class ConflictException(string detail, string code = "conflict")
    : PorticoProblemException("Conflict", detail)
{
    /// <summary>The code of the generic answer to a unique index refusing a write (see <c>UniqueRules</c> in Portico.Data).</summary>
    public const string DuplicateCode = "duplicate";

    public override int Status => 409;

    public override string Code { get; } = code;

    /// <summary>The record that already holds the unique value ("one per …" rules); the answer carries it as <c>existingId</c>.</summary>
    public Guid? ExistingId { get; init; }

    /// <summary>Extra members of the answer, such as the statuses a record may move to instead.</summary>
    public IReadOnlyDictionary<string, object?>? Members { get; init; }

    public override IReadOnlyDictionary<string, object?>? Extensions => Members;
}

/// <summary>412: the client's If-Match version is stale, or someone saved in between.</summary>
public sealed class ConcurrencyException(string detail)
    : PorticoProblemException("Precondition failed", detail)
{
    public override int Status => 412;

    public override string Code => "concurrency-conflict";
}

/// <summary>400: the request is malformed (a bad cursor, an unknown sort field, an unreadable id).</summary>
public sealed class BadRequestException(string detail, string code = "bad-request")
    : PorticoProblemException("Bad request", detail)
{
    public override int Status => 400;

    public override string Code { get; } = code;
}

/// <summary>422: the request is well formed but breaks a rule; <see cref="Errors"/> names each field.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : PorticoProblemException("Validation failed", "One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public override int Status => 422;

    public override string Code => "validation";

    public static ValidationException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>401: missing or wrong credentials.</summary>
public sealed class UnauthorizedException(string detail)
    : PorticoProblemException("Unauthorized", detail)
{
    public override int Status => 401;

    public override string Code => "unauthorized";
}

/// <summary>403: the caller is known but may not do this (an unverified email, a suspended tenant).</summary>
public sealed class ForbiddenException(string detail, string code = "forbidden")
    : PorticoProblemException("Forbidden", detail)
{
    public override int Status => 403;

    public override string Code { get; } = code;
}

/// <summary>423: the account is locked for a while; <see cref="RetryAfter"/> says how long.</summary>
public sealed class LockedException(string detail, TimeSpan retryAfter)
    : PorticoProblemException("Locked", detail)
{
    public override TimeSpan? RetryAfter { get; } = retryAfter;

    public override int Status => 423;

    public override string Code => "account-locked";
}

/// <summary>429: too many attempts for one account or address; <see cref="RetryAfter"/> says when to come back.</summary>
public sealed class TooManyRequestsException(string detail, TimeSpan retryAfter)
    : PorticoProblemException("Too many requests", detail)
{
    public override TimeSpan? RetryAfter { get; } = retryAfter;

    public override int Status => 429;

    public override string Code => "too-many-requests";
}

/// <summary>503: an outside service this request depends on (an identity provider, a payment gateway) did not answer.</summary>
public sealed class ServiceUnavailableException(string detail)
    : PorticoProblemException("Service unavailable", detail)
{
    public override int Status => 503;

    public override string Code => "upstream-unavailable";
}
