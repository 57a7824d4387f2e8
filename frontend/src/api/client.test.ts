import { describe, expect, it } from 'vitest';
import { ApiError, call, toApiError } from './client';

describe('API errors', () => {
  it('keeps the code, message and field problems the services send', async () => {
    const sent = {
      code: 'invalid',
      message: '取引先を保存できません：',
      fields: [
        { field: 'name', message: '取引先名を入力してください。' },
        { field: 'email', message: 'メールアドレスの形式ではありません。' },
      ],
    };
    const err = await call(Promise.reject(sent)).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('invalid');
    expect(err.fields.name).toEqual(['取引先名を入力してください。']);
    expect(err.fullMessage).toBe('取引先を保存できません： 取引先名を入力してください。 メールアドレスの形式ではありません。');
  });

  it('turns a plain string from the transport into an internal error', () => {
    const e = toApiError('error parsing arguments');
    expect(e.code).toBe('internal');
    expect(e.message).toBe('error parsing arguments');
  });

  it('passes results through', async () => {
    await expect(call(Promise.resolve(42))).resolves.toBe(42);
  });
});
