package tmf

import "time"

// BasePath637 is where TMF637 Product Inventory v4 is served.
const BasePath637 = "/tmf-api/productInventory/v4/"

// ProductStatus is an inventory product's lifecycle status (ProductStatusType).
type ProductStatus string

const (
	ProductCreated          ProductStatus = "created"
	ProductPendingActive    ProductStatus = "pendingActive"
	ProductCancelled        ProductStatus = "cancelled"
	ProductActive           ProductStatus = "active"
	ProductPendingTerminate ProductStatus = "pendingTerminate"
	ProductTerminated       ProductStatus = "terminated"
	ProductSuspended        ProductStatus = "suspended"
)

// InventoryProduct is a TMF637 Product: what a customer has, as fulfilment left it. It is named apart from
// Product, which is TMF622's ProductRefOrValue inside an order item (what an order asks for).
type InventoryProduct struct {
	ID                    string           `json:"id"`
	Href                  string           `json:"href,omitempty"`
	Name                  string           `json:"name,omitempty"`
	Description           string           `json:"description,omitempty"`
	Status                ProductStatus    `json:"status"`
	IsBundle              bool             `json:"isBundle"`
	OrderDate             *time.Time       `json:"orderDate,omitempty"`
	StartDate             *time.Time       `json:"startDate,omitempty"`
	TerminationDate       *time.Time       `json:"terminationDate,omitempty"`
	BillingAccount        *Ref             `json:"billingAccount,omitempty"`
	ProductOffering       *Ref             `json:"productOffering,omitempty"`
	ProductCharacteristic []Characteristic `json:"productCharacteristic,omitempty"`
	Place                 []Place          `json:"place,omitempty"`
	RelatedParty          []RelatedParty   `json:"relatedParty,omitempty"`
	// Product lists a bundle's components (ProductRefOrValue, here by reference).
	Product []Ref `json:"product,omitempty"`
	// ProductOrderItem lists the order items that created and then changed the product, oldest first.
	ProductOrderItem []RelatedProductOrderItem `json:"productOrderItem,omitempty"`
	Type             string                    `json:"@type,omitempty"`
}

// RelatedProductOrderItem names the order item that created, changed or terminated an inventory product.
type RelatedProductOrderItem struct {
	OrderItemID      string `json:"orderItemId"`
	ProductOrderID   string `json:"productOrderId"`
	ProductOrderHref string `json:"productOrderHref,omitempty"`
	OrderItemAction  Action `json:"orderItemAction,omitempty"`
	ReferredType     string `json:"@referredType,omitempty"`
}
