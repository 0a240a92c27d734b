/** Cart → checkout → order (`/v1/customers/{id}/carts`, azure-plan.md §3). */
export interface CartLineItemRequest {
  catalogItemId: string;
  quantity: number;
  billingCycle: string;
  /** MPN id of the indirect reseller of record (indirect provider only). */
  partnerIdOnRecord?: string | null;
}

export interface Cart {
  id: string;
  customerId: string;
  lineItems: Array<CartLineItemRequest & { id: number }>;
  createdAt: string;
}

export interface OrderLineItem {
  lineItemNumber: number;
  offerId: string;
  /** The Partner Center subscription created by this line: the Azure plan. */
  subscriptionId: string;
  partnerIdOnRecord: string | null;
}

export interface Order {
  id: string;
  customerId: string;
  lineItems: OrderLineItem[];
  creationDate: string;
}
