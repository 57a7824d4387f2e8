import * as Session from '../../wailsjs/go/app/SessionService';
import * as Accounts from '../../wailsjs/go/app/AccountService';
import * as Catalog from '../../wailsjs/go/app/CatalogService';
import * as Quotes from '../../wailsjs/go/app/QuoteService';
import * as Settings from '../../wailsjs/go/app/SettingsService';
import * as Leads from '../../wailsjs/go/app/LeadService';
import * as Opportunities from '../../wailsjs/go/app/OpportunityService';
import * as Approvals from '../../wailsjs/go/app/ApprovalService';
import * as Contracts from '../../wailsjs/go/app/ContractService';
import * as Documents from '../../wailsjs/go/app/DocumentService';
import * as Orders from '../../wailsjs/go/app/OrderService';
import * as Sync from '../../wailsjs/go/app/SyncService';
import { EventsOn } from '../../wailsjs/runtime/runtime';
import type { app, redline } from '../../wailsjs/go/models';
import { call } from './client';

export type { app, redline };
export { ApiError, errorText, toApiError } from './client';

export const session = {
  info: () => call(Session.Info()),
  setLanguage: (lang: string) => call(Session.SetLanguage(lang)),
  switchUser: (userId: string) => call(Session.SwitchUser(userId)),
  verifyAudit: () => call(Session.VerifyAudit()),
  ready: (screen: string, items: number) => call(Session.Ready(screen, items)),
};

export const accounts = {
  list: (q: app.AccountQuery) => call(Accounts.List(q)),
  get: (id: string) => call(Accounts.Get(id)),
  create: (input: app.AccountInput) => call(Accounts.Create(input)),
  update: (input: app.AccountInput) => call(Accounts.Update(input)),
  addContact: (input: app.ContactInput) => call(Accounts.AddContact(input)),
  addSite: (input: app.SiteInput) => call(Accounts.AddSite(input)),
  checkCredit: (id: string) => call(Accounts.CheckCredit(id)),
};

export const leads = {
  list: (q: app.LeadQuery) => call(Leads.List(q)),
  get: (id: string) => call(Leads.Get(id)),
  create: (input: app.LeadInput) => call(Leads.Create(input)),
  update: (input: app.LeadInput) => call(Leads.Update(input)),
  import: (csv: string, source: string) => call(Leads.Import(csv, source)),
  convert: (input: app.ConvertInput) => call(Leads.Convert(input)),
  assignmentRules: () => call(Leads.AssignmentRules()),
  saveAssignmentRule: (r: app.AssignmentRuleDTO) => call(Leads.SaveAssignmentRule(r)),
  deleteAssignmentRule: (id: string) => call(Leads.DeleteAssignmentRule(id)),
};

export const opportunities = {
  pipeline: (mine: boolean) => call(Opportunities.Pipeline(mine)),
  get: (id: string) => call(Opportunities.Get(id)),
  create: (input: app.OpportunityInput) => call(Opportunities.Create(input)),
  update: (input: app.OpportunityUpdate) => call(Opportunities.Update(input)),
};

export const approvals = {
  inbox: () => call(Approvals.Inbox()),
  waiting: () => call(Approvals.Waiting()),
  decide: (approvalId: string, approve: boolean, comment: string) => call(Approvals.Decide(approvalId, approve, comment)),
  markRead: (ids: string[]) => call(Approvals.MarkRead(ids)),
  policy: () => call(Approvals.Policy()),
  setAuthorities: (list: app.AuthorityDTO[]) => call(Approvals.SetAuthorities(list)),
};

export const catalog = {
  search: (q: app.ProductQuery) => call(Catalog.Search(q)),
  get: (id: string) => call(Catalog.Get(id)),
};

export const quotes = {
  list: (q: app.QuoteQuery) => call(Quotes.List(q)),
  create: (input: app.NewQuoteInput) => call(Quotes.Create(input)),
  get: (id: string) => call(Quotes.Get(id)),
  update: (u: app.QuoteUpdate) => call(Quotes.Update(u)),
  addProduct: (input: app.AddProductInput) => call(Quotes.AddProduct(input)),
  addSites: (quoteId: string, siteIds: string[]) => call(Quotes.AddSites(quoteId, siteIds)),
  updateLine: (u: app.LineUpdate) => call(Quotes.UpdateLine(u)),
  removeLines: (quoteId: string, lineIds: string[]) => call(Quotes.RemoveLines(quoteId, lineIds)),
  offers: (quoteId: string, siteGroupIds: string[], query: string) => call(Quotes.Offers(quoteId, siteGroupIds, query)),
  waterfall: (quoteId: string, lineId: string) => call(Quotes.Waterfall(quoteId, lineId)),
  approval: (quoteId: string) => call(Quotes.Approval(quoteId)),
  submit: (quoteId: string, note: string) => call(Quotes.Submit(quoteId, note)),
  present: (quoteId: string) => call(Quotes.Present(quoteId)),
  accept: (quoteId: string) => call(Quotes.Accept(quoteId)),
  reject: (quoteId: string) => call(Quotes.Reject(quoteId)),
  revise: (quoteId: string) => call(Quotes.Revise(quoteId)),
  copy: (quoteId: string) => call(Quotes.Copy(quoteId)),
  setPrimary: (quoteId: string) => call(Quotes.SetPrimary(quoteId)),
  history: (quoteId: string) => call(Quotes.History(quoteId)),
  compare: (a: string, b: string) => call(Quotes.Compare(a, b)),
};

export const settings = {
  pricing: () => call(Settings.Pricing()),
  setPricing: (s: app.PricingSettingsDTO) => call(Settings.SetPricing(s)),
  company: () => call(Settings.Company()),
  setCompany: (c: app.CompanyDTO) => call(Settings.SetCompany(c)),
};

export const contracts = {
  list: (accountId: string) => call(Contracts.List(accountId)),
  get: (id: string) => call(Contracts.Get(id)),
  createFromQuote: (quoteId: string) => call(Contracts.CreateFromQuote(quoteId)),
  library: (id: string) => call(Contracts.Library(id)),
  revise: (id: string, clauses: app.ClauseDTO[], note: string) => call(Contracts.Revise(id, clauses, note)),
  move: (id: string, to: string) => call(Contracts.Move(id, to)),
  sign: (id: string, input: app.SignInput) => call(Contracts.Sign(id, input)),
  compare: (aId: string, bId: string) => call(Contracts.Compare(aId, bId)),
};

export const documents = {
  exportQuote: (quoteId: string) => call(Documents.ExportQuote(quoteId)),
  exportContract: (contractId: string) => call(Documents.ExportContract(contractId)),
  exportRedline: (aId: string, bId: string) => call(Documents.ExportRedline(aId, bId)),
  exportSignedContracts: (accountId: string) => call(Documents.ExportSignedContracts(accountId)),
  cancelExport: (job: string) => call(Documents.CancelExport(job)),
  verify: (dataBase64: string) => call(Documents.Verify(dataBase64)),
  certificate: () => call(Documents.Certificate()),
  importCertificate: (p12Base64: string, password: string) => call(Documents.ImportCertificate(p12Base64, password)),
};

export const orders = {
  list: (q: app.OrderQuery) => call(Orders.List(q)),
  get: (id: string) => call(Orders.Get(id)),
  fromQuote: (quoteId: string) => call(Orders.FromQuote(quoteId)),
  fromContract: (contractId: string) => call(Orders.FromContract(contractId)),
  offers: (accountId: string, siteId: string) => call(Orders.Offers(accountId, siteId)),
  priceDirect: (input: app.DirectOrderInput) => call(Orders.PriceDirect(input)),
  createDirect: (input: app.DirectOrderInput) => call(Orders.CreateDirect(input)),
  change: (accountId: string, changes: app.AssetChangeInput[]) => call(Orders.Change(accountId, changes)),
  update: (id: string, input: app.OrderChangeInput) => call(Orders.Update(id, input)),
  submit: (id: string) => call(Orders.Submit(id)),
  cancel: (id: string, reason: string) => call(Orders.Cancel(id, reason)),
  retry: (id: string) => call(Orders.Retry(id)),
};

export const sync = {
  status: () => call(Sync.Status()),
  now: () => call(Sync.Now()),
  endpoint: () => call(Sync.Endpoint()),
  saveEndpoint: (ep: app.EndpointDTO, secret: string) => call(Sync.SaveEndpoint(ep, secret)),
  testEndpoint: () => call(Sync.TestEndpoint()),
};

/** How far a background export has got (the export:progress event). */
export interface ExportProgress {
  job: string;
  done: number;
  total: number;
}

/** How a background export ended (the export:done event): with its file, cancelled, or with an error. */
export interface ExportDone {
  job: string;
  count: number;
  export: app.ExportDTO;
  cancelled: boolean;
  error: string;
}

/** Events the Go services emit. */
export const events = {
  sessionChanged: 'session:changed',
  accountsChanged: 'accounts:changed',
  quoteChanged: 'quote:changed',
  pricingChanged: 'pricing:changed',
  leadsChanged: 'leads:changed',
  opportunitiesChanged: 'opportunities:changed',
  inboxChanged: 'inbox:changed',
  contractChanged: 'contract:changed',
  exportProgress: 'export:progress',
  exportDone: 'export:done',
  orderChanged: 'order:changed',
  syncProgress: 'sync:progress',
  syncChanged: 'sync:changed',
} as const;

/** on subscribes to a service event and returns the unsubscribe function. */
export function on<T = unknown>(event: string, handler: (data: T) => void): () => void {
  return EventsOn(event, (data: T) => handler(data));
}

let readyReported = false;

/** reportReady tells the app, once per start, that the first screen shows data (see SessionService.Ready). */
export function reportReady(screen: string, items: number) {
  if (readyReported) return;
  readyReported = true;
  session.ready(screen, items).catch(() => {});
}
