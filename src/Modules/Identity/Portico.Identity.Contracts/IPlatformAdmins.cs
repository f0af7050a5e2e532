namespace Portico.Identity.Contracts;

/// <summary>Platform administrator management, used by the <c>create-admin</c> command.</summary>
public interface IPlatformAdmins
{
    /// <summary>Creates the admin, or promotes an existing account and sets its password. Returns true when created.</summary>
    Task<bool> CreateOrPromoteAsync(string email, string password, CancellationToken cancellationToken);
}
