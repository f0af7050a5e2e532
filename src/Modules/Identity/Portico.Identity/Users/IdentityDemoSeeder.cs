using Microsoft.AspNetCore.Identity;
using Portico.Kernel.Modules;

namespace Portico.Identity.Users;

/// <summary>
/// Demo people: for each demo tenant an owner, an admin and an employee (and the demo workshop's mechanic), email verified, all with the
/// password <see cref="Password"/> (demo data only), hashed once for all of them. Idempotent: matched by email.
/// </summary>
internal sealed class IdentityDemoSeeder(IdentityDbContext db, IPasswordHasher<User> hasher) : IDemoSeeder
{
    public const string Password = "portico demo password";

    public static readonly (string Email, string Name, string Locale)[] People =
    [
        ("owner@demo-studio.portico.test", "Ольга Смирнова", "ru"), ("admin@demo-studio.portico.test", "Ирина Волкова", "ru"), ("staff@demo-studio.portico.test", "Мария Козлова", "ru"),
        ("owner@demo-workshop.portico.test", "Сергей Иванов", "ru"), ("admin@demo-workshop.portico.test", "Андрей Попов", "ru"), ("staff@demo-workshop.portico.test", "Дмитрий Орлов", "ru"),
        ("mechanic@demo-workshop.portico.test", "Сергей Механиков", "ru"),
        ("owner@demo-inbox.portico.test", "Emma Clarke", "en"), ("admin@demo-inbox.portico.test", "Liam Turner", "en"), ("staff@demo-inbox.portico.test", "Ava Patel", "en"),
        ("owner@demo-bots.portico.test", "Noah Fischer", "en"), ("admin@demo-bots.portico.test", "Mia Novak", "en"), ("staff@demo-bots.portico.test", "Lucas Rossi", "en"),
        ("owner@demo-gaming.portico.test", "Sofia Borg", "en"), ("admin@demo-gaming.portico.test", "Jonas Vella", "en"), ("staff@demo-gaming.portico.test", "Ella Camilleri", "en"),
    ];

    public int Order => 0;

    public string SignInHint => $"open the console and sign in as owner@demo-studio.portico.test (or admin@/staff@ of demo-studio, demo-workshop, demo-inbox, demo-bots, demo-gaming; mechanic@demo-workshop.portico.test for the mechanic's screens) with the password '{Password}'";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Users.Select(u => u.NormalizedEmail).ToListAsync(cancellationToken);
        string? hash = null;
        foreach (var (email, name, locale) in People.Where(p => !existing.Contains(User.Normalize(p.Email))))
        {
            var user = new User { Email = email, NormalizedEmail = User.Normalize(email), FullName = name, Locale = locale, EmailConfirmed = true };
            // One hash (with its salt) for all: they share a published password, and each hash costs ~0.1 s of CPU by design.
            user.PasswordHash = hash ??= hasher.HashPassword(user, Password);
            db.Users.Add(user);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
