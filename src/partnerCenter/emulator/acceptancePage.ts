import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EnhancedAttestation } from '../../domain/agreements/enhancedAttestation.js';
import { isDomainError } from '../../domain/errors.js';

/** What the page needs from the sandbox (SandboxAttestations implements it). */
export interface AcceptanceComponent {
  acceptancePage(attestationId: string): Promise<{
    attestation: EnhancedAttestation;
    companyName: string;
    agreementTitle: string;
    agreementLink: string;
  }>;
  accept(attestationId: string): Promise<EnhancedAttestation>;
}

export const DEFAULT_ACCEPTANCE_PATH = '/emulator/mca-acceptance';

/** Builds the link the customer's signatory opens, from the attestation's link parameters. */
export function acceptanceLink(baseUrl: string, parameters: Record<string, string>): string {
  const url = new URL(baseUrl);
  for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
  return url.toString();
}

type PageText = Record<
  'accept' | 'accepted' | 'expired' | 'notFound' | 'customer' | 'signatory' | 'intro' | 'done' | 'read',
  string
>;

// The page plays Microsoft's component, which shows the agreement in the attestation's language.
const TEXT: Record<'en' | 'ko', PageText> = {
  en: {
    accept: 'Accept',
    accepted: 'Accepted',
    expired: 'This acceptance link has expired. Ask your partner for a new link.',
    notFound: 'This acceptance link is not valid.',
    customer: 'Customer',
    signatory: 'Signatory',
    intro: 'By selecting Accept you accept the Microsoft Customer Agreement on behalf of the customer.',
    done: 'Thank you. The Microsoft Customer Agreement has been accepted.',
    read: 'Read the agreement',
  },
  ko: {
    accept: '동의',
    accepted: '동의 완료',
    expired: '이 동의 링크는 만료되었습니다. 파트너에게 새 링크를 요청하세요.',
    notFound: '유효하지 않은 동의 링크입니다.',
    customer: '고객',
    signatory: '서명자',
    intro: '동의를 선택하면 고객을 대신하여 Microsoft 고객 계약에 동의합니다.',
    done: '감사합니다. Microsoft 고객 계약에 동의했습니다.',
    read: '계약서 읽기',
  },
};

function textFor(language: string | undefined): PageText {
  return language?.toLowerCase().startsWith('ko') ? TEXT.ko : TEXT.en;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(res: ServerResponse, status: number, language: string, title: string, body: string): void {
  const html = `<!doctype html><html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main>${body}</main></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; form-action 'self'",
    'cache-control': 'no-store',
  });
  res.end(html);
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  // restify's bodyParser may already have read it into req.body.
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (parsed && typeof parsed === 'object' && !Buffer.isBuffer(parsed))
    return new URLSearchParams(
      Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
    );
  if (typeof parsed === 'string') return new URLSearchParams(parsed);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) break;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * The local stand-in for Microsoft's embeddable MCA acceptance component: GET `<path>?attestationId=…`
 * shows the agreement (title, customer, signatory) and an Accept button; POST `<path>/accept`
 * records the acceptance in the sandbox. An expired link says so. Returns false for any other URL
 * (the host answers it). Only ever mounted with the embedded sandbox.
 */
export function createAcceptancePage(
  component: AcceptanceComponent,
  path = DEFAULT_ACCEPTANCE_PATH,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const isPage = req.method === 'GET' && url.pathname === path;
    const isAccept = req.method === 'POST' && url.pathname === `${path}/accept`;
    if (!isPage && !isAccept) return false;
    void (async () => {
      const form = isAccept ? await formBody(req) : url.searchParams;
      const attestationId = form.get('attestationId') ?? '';
      const languageParam = form.get('language') ?? 'en-US';
      let text = textFor(languageParam);
      try {
        const data = await component.acceptancePage(attestationId);
        const language = data.attestation.request.language;
        text = textFor(language);
        const { request } = data.attestation;
        const signatory = `${request.signatoryFirstName} ${request.signatoryLastName} (${request.signatoryEmail})`;
        const facts = `<h1>${escapeHtml(data.agreementTitle)}</h1>
<p>${escapeHtml(text.customer)}: <strong>${escapeHtml(data.companyName)}</strong></p>
<p>${escapeHtml(text.signatory)}: <strong>${escapeHtml(signatory)}</strong></p>
<p><a href="${escapeHtml(data.agreementLink)}">${escapeHtml(text.read)}</a></p>`;
        if (isAccept) {
          await component.accept(attestationId);
          page(res, 200, language, text.accepted, `${facts}<p role="status">${escapeHtml(text.done)}</p>`);
          return;
        }
        const status = data.attestation.status;
        if (status === 'expired') {
          page(res, 410, language, text.expired, `${facts}<p role="alert">${escapeHtml(text.expired)}</p>`);
          return;
        }
        if (status !== 'pending') {
          page(res, 200, language, text.accepted, `${facts}<p role="status">${escapeHtml(text.done)}</p>`);
          return;
        }
        page(
          res,
          200,
          language,
          data.agreementTitle,
          `${facts}<p>${escapeHtml(text.intro)}</p>
<form method="post" action="${escapeHtml(path)}/accept"><input type="hidden" name="attestationId" value="${escapeHtml(data.attestation.attestationId)}"><button type="submit">${escapeHtml(text.accept)}</button></form>`,
        );
      } catch (error) {
        if (isDomainError(error) && error.code === 'attestation_expired') {
          page(res, 410, languageParam, text.expired, `<p role="alert">${escapeHtml(text.expired)}</p>`);
          return;
        }
        if (isDomainError(error) && error.code === 'not_found') {
          page(res, 404, languageParam, text.notFound, `<p role="alert">${escapeHtml(text.notFound)}</p>`);
          return;
        }
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('error');
        }
      }
    })();
    return true;
  };
}
