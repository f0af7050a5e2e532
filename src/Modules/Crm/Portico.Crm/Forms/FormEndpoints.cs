namespace Portico.Crm.Forms;

/// <summary>Web forms: the tenant's settings under <c>/tenants/{tenant}/crm/forms</c>, and the public side anyone may reach.</summary>
internal static class FormEndpoints
{
    public static void Map(IEndpointRouteBuilder api, RouteGroupBuilder tenants)
    {
        CreateForm.Map(tenants);
        ListForms.Map(tenants);
        GetForm.Map(tenants);
        UpdateForm.Map(tenants);
        DeleteForm.Map(tenants);
        GetPublicForm.Map(api);
        SubmitForm.Map(api);
        FormScript.Map(api);
    }
}
