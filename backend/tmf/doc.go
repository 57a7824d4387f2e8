// Package tmf holds the TM Forum Open API wire types Quotewright speaks to an order-management system:
// TMF622 Product Ordering v4 (orders and their events) and TMF637 Product Inventory v4 (what was delivered).
// Field names and enumerations follow the official specifications (../shared/specs/tmf/); tests validate what
// these types produce against them (package tmfspec). Money travels as JSON numbers written from decimals,
// never through a float.
package tmf
