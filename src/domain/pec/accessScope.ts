/**
 * Where an Azure RBAC assignment sits. Access at a subscription or resource group covers every
 * resource that rolls up to it (azure-plan.md §6 "Computation").
 */
export type AccessScope =
  | { level: 'subscription'; subscriptionId: string }
  | { level: 'resourceGroup'; subscriptionId: string; resourceGroup: string }
  | { level: 'resource'; resourceUri: string };

export type ScopeLevel = AccessScope['level'];

/** The resource a usage line is about (recon: EntitlementId, ResourceGroup, ResourceURI). */
export interface ResourceRef {
  subscriptionId: string;
  resourceGroup: string;
  resourceUri: string;
}

function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function scopeCovers(scope: AccessScope, resource: ResourceRef): boolean {
  switch (scope.level) {
    case 'subscription':
      return same(scope.subscriptionId, resource.subscriptionId);
    case 'resourceGroup':
      return (
        same(scope.subscriptionId, resource.subscriptionId) &&
        same(scope.resourceGroup, resource.resourceGroup)
      );
    case 'resource': {
      // A child resource (…/disks/x/snapshots/y) rolls up to its parent resource.
      const uri = resource.resourceUri.trim().toLowerCase();
      const at = scope.resourceUri.trim().toLowerCase().replace(/\/+$/, '');
      return uri === at || uri.startsWith(`${at}/`);
    }
  }
}
