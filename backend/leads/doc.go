// Package leads holds the lead work that needs no database: reading a CSV file of leads (ReadCSV), choosing
// an owner by the assignment rules (Assign) and finding the accounts a lead may already be (Matches).
// Each takes values and returns values, so the use cases that store the results stay thin and these rules
// are tested on their own.
package leads
