using Microsoft.AspNetCore.DataProtection;
using Portico.Console.Shell;
using Portico.Identity.Sessions;
using Portico.Identity.Users;

namespace Portico.Identity.Pages;

/// <summary>Turns a session a console page just started into the ticket that <c>/console/session</c> turns into the cookie.</summary>
internal sealed class ConsoleSignIn(IdentityDbContext db, IDataProtectionProvider protection)
{
    public async Task<string> TicketAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var user = await db.Set<Session>().AsNoTracking()
            .Where(s => s.Id == sessionId)
            .Join(db.Set<User>(), s => s.UserId, u => u.Id, (s, u) => new { u.Id, u.Email, u.PlatformRole })
            .FirstAsync(cancellationToken);
        return ConsoleSetup.IssueTicket(protection, new SignedInUser(user.Id, sessionId, user.Email, user.PlatformRole));
    }
}
