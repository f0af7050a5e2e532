using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portico.Scheduling.Booking;

namespace Portico.Scheduling.Appointments;

/// <summary>Registration and routes of appointments, the public booking page's API and the client's emails.</summary>
internal static class AppointmentServices
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BookingOptions>().Bind(configuration.GetSection(BookingOptions.Section))
            .Validate(o => o.BookingsPerMinute is >= 0 and <= 100_000, "Portico:Scheduling:Booking:BookingsPerMinute must be between 0 (off) and 100000.")
            .Validate(o => o.DefaultCancellationWindow >= TimeSpan.Zero && o.DefaultCancellationWindow <= TimeSpan.FromDays(30), "Portico:Scheduling:Booking:DefaultCancellationWindow must be between 0 and 30 days.")
            .Validate(o => o.PublicHorizon > TimeSpan.Zero && o.PublicHorizon <= TimeSpan.FromDays(1000), "Portico:Scheduling:Booking:PublicHorizon must be between 0 and 1000 days.")
            .ValidateOnStart();
        services.AddScoped<BlockWriter>();
        services.AddScoped<AppointmentBooking>();
        services.AddScoped<BookingPolicy>();
        services.AddSingleton<PublicBookingLimits>();
        services.AddSingleton<BookingLinks>();
        services.AddScoped<PublicStudio>();
        services.AddScoped<AppointmentMail>();
    }

    public static void Map(IEndpointRouteBuilder api, RouteGroupBuilder tenants)
    {
        BookAppointment.Map(tenants);
        ListAppointments.Map(tenants);
        GetAppointment.Map(tenants);
        RescheduleAppointment.Map(tenants);
        ChangeAppointmentStatus.Map(tenants);
        UpdateAppointment.Map(tenants);
        BookPublicAppointment.Map(api);
        ManageBooking.Map(api);
    }
}
