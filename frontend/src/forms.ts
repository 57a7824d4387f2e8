import type { ApiError, app } from './api';

export function emptyAccountInput(): app.AccountInput {
  return {
    id: '',
    segment: 'business',
    name: '',
    nameKana: '',
    altName: '',
    industry: '',
    employees: 0,
    email: '',
    phone: '',
    region: '',
    registrationNumber: '',
  };
}

export function accountInput(a: app.AccountDTO): app.AccountInput {
  return {
    id: a.id,
    segment: a.segment,
    name: a.name,
    nameKana: a.nameKana,
    altName: a.altName,
    industry: a.industry,
    employees: a.employees,
    email: a.email,
    phone: a.phone,
    region: a.region,
    registrationNumber: a.registrationNumber,
  };
}

export function emptyContactInput(accountId: string): app.ContactInput {
  return { accountId, firstName: '', lastName: '', title: '', email: '', phone: '', primary: false };
}

export function emptySiteInput(accountId: string): app.SiteInput {
  return { accountId, name: '', address: '', city: '', postalCode: '', region: '', country: 'JP' };
}

/**
 * summary is the text for a form's error banner: the services' summary ("The site cannot be saved:") reads as
 * the start of a list, so when the problems are marked on their fields the banner says where to look.
 */
export function summary(err: ApiError): string {
  const fields = Object.keys(err.fields).length;
  if (fields === 0) return err.message;
  return err.message.replace(/[:：]\s*$/, '') + (/[\u3040-\u30ff\u4e00-\u9fff]/.test(err.message) ? '。' : '.');
}
