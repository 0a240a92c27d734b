import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { startAppUnderTest, type AppUnderTest } from './support/appUnderTest.js';
import { visibleText } from './support/fakeConnector.js';

/** A fake OneDrive upload URL: records the PUT the bot makes after the user accepts the file. */
class FakeUpload {
  readonly puts: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  private server: Server | null = null;
  url = '';
  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.puts.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = 201;
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/upload/price-estimate.csv`;
  }
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('HTTP end to end: estimates with a CSV file, cheapest region, snapshot age in /healthz', function () {
  this.timeout(60_000);
  let sut: AppUnderTest;
  const upload = new FakeUpload();
  before(async () => {
    sut = await startAppUnderTest();
    await upload.start();
  });
  after(async () => {
    await sut.stop();
    await upload.stop();
  });

  async function ask(text: string, locale: string, conversationId: string): Promise<Partial<Activity>[]> {
    const before = sut.connector.messages(conversationId).length;
    const response = await sut.client.say(text, { locale, conversationId });
    expect(response.status).to.be.oneOf([200, 201, 202]);
    return sut.connector
      .messages(conversationId)
      .slice(before)
      .map((call) => call.activity);
  }

  it('GET /healthz reports the snapshot date, its age and that it is stale (E2E_NOW is 115 days later)', async () => {
    const body = (await (await fetch(`${sut.app.url}/healthz`)).json()) as {
      prices: { takenAt: string; ageDays: number; stale: boolean; maxAgeDays: number; regions: string[] };
    };
    expect(body.prices.takenAt.slice(0, 10)).to.equal('2026-08-22');
    expect(body.prices).to.include({ ageDays: 114, stale: true, maxAgeDays: 45 });
    expect(body.prices.regions).to.include('westeurope');
  });

  const estimates = [
    {
      locale: 'en-US',
      text: '10 × D4s v5 windows 730h + 2 TB premium SSD P30 in west europe, Owner all month',
      expect: [
        'Estimate',
        '1. D4s v5 in West Europe',
        '$3,022.20',
        '$453.33 (15%)',
        'Total after PEC',
        '$2,821.63',
        'older than 45 days',
      ],
    },
    {
      locale: 'ko-KR',
      text: '서유럽 D4s v5 윈도우 10대 730시간 + P30 디스크 2TB, Owner 한 달 내내',
      expect: ['견적', 'PEC 차감 후 합계', 'US$2,821.63', '한 달 내내 Owner 권한'],
    },
  ];
  for (const c of estimates) {
    it(`${c.locale}: one card with each line, PEC per line and the total; the CSV arrives after file consent`, async () => {
      const conversationId = `estimate-${c.locale}`;
      const replies = await ask(c.text, c.locale, conversationId);
      const card = replies.find((a) => visibleText(a).includes(c.expect[0]));
      expect(card, 'estimate card').to.not.equal(undefined);
      for (const part of c.expect) expect(visibleText(card!)).to.include(part);
      const consent = replies
        .flatMap((a) => a.attachments ?? [])
        .find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent');
      expect(consent, 'file consent card').to.not.equal(undefined);
      const content = consent!.content as { acceptContext: unknown; sizeInBytes: number };

      const before = sut.connector.messages(conversationId).length;
      const invoke = sut.client.activity('', {
        locale: c.locale,
        conversationId,
        extra: {
          type: 'invoke',
          name: 'fileConsent/invoke',
          value: {
            type: 'fileUpload',
            action: 'accept',
            context: content.acceptContext,
            uploadInfo: {
              name: 'price-estimate.csv',
              uploadUrl: upload.url,
              contentUrl: 'https://contoso-my.sharepoint.com/personal/alex/Documents/price-estimate.csv',
              uniqueId: 'file-1',
              fileType: 'csv',
            },
          },
        },
      });
      const response = await sut.client.post(invoke);
      expect(response.status).to.equal(200);
      const put = upload.puts.at(-1)!;
      expect(Buffer.byteLength(put.body)).to.equal(content.sizeInBytes);
      expect(put.headers['content-range']).to.equal(
        `bytes 0-${content.sizeInBytes - 1}/${content.sizeInBytes}`,
      );
      const rows = put.body.trim().split('\r\n');
      expect(rows[0]).to.match(/^Line,Typed,ProductName,SkuName,MeterName,ArmRegionName/);
      expect(rows[1]).to.include(
        'Virtual Machines Dsv5 Series Windows,Standard_D4s_v5,D4s v5,westeurope,1 Hour,0.414,7300,3022.20,0.15,453.33,2568.87',
      );
      expect(rows[2]).to.include(
        'Premium SSD Managed Disks,P30 LRS,P30 LRS Disk,westeurope,1/Month,148.68,2,297.36,0.15,44.60,252.76',
      );
      expect(rows[3]).to.equal('Total,,,,,,,,,3319.56,,497.93,2821.63,');
      const info = sut.connector
        .messages(conversationId)
        .slice(before)
        .flatMap((call) => call.activity.attachments ?? [])
        .find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.info');
      expect(info?.contentUrl).to.include('price-estimate.csv');
    });
  }

  const rankings = [
    {
      locale: 'en-US',
      text: 'cheapest region for D4s v5 windows',
      expect: [
        'Cheapest regions for D4s v5 (Windows)',
        'All 5 regions with a price',
        '1–5 of 5 regions',
        'This snapshot covers',
      ],
    },
    {
      locale: 'ko-KR',
      text: 'D4s v5 윈도우 가장 싼 지역',
      expect: [
        '가격이 가장 낮은 지역',
        '가격이 있는 지역 5개 전체',
        '지역 5개 중 1–5',
        '이 스냅샷에 포함된 지역',
      ],
    },
  ];
  for (const c of rankings) {
    it(`${c.locale}: "${c.text}" ranks the regions of the snapshot`, async () => {
      const replies = await ask(c.text, c.locale, `rank-${c.locale}`);
      const text = replies.map(visibleText).join('\n');
      for (const part of c.expect) expect(text).to.include(part);
      expect(text).to.match(/1\. .+\n/);
    });
  }

  // Last: importing the sheet changes which source answers for the rest of this bot's life.
  const sheets = [
    {
      locale: 'en-US',
      command: 'price sheet import KR',
      imported: 'Imported your Partner Center price sheet for market KR: 10 prices, as of Aug 1, 2026.',
      question: 'D4s v5 windows west europe',
      footer: 'Your Partner Center price sheet, market KR, as of Aug 1, 2026.',
      retail: {
        question: 'E8s v5 west europe',
        footer: 'Public retail prices (estimated, USD), as of Aug 22, 2026',
      },
    },
    {
      locale: 'ko-KR',
      command: '가격 시트 가져오기 KR',
      imported: '시장 KR의 파트너 센터 가격표를 가져왔습니다: 가격 10개, 2026년 8월 1일 기준.',
      question: '서유럽 D4s v5 윈도우',
      footer: '파트너 센터 가격표(시장 KR), 2026년 8월 1일 기준',
      retail: { question: '서유럽 E8s v5', footer: '공개 소매가(예상, USD), 2026년 8월 22일 기준' },
    },
  ];
  for (const c of sheets) {
    it(`${c.locale}: "${c.command}" imports the sandbox's price sheet; answers then name the source that answered`, async () => {
      const conversationId = `sheet-${c.locale}`;
      const imported = (await ask(c.command, c.locale, conversationId)).map(visibleText).join('\n');
      expect(imported).to.include(c.imported);
      const fromSheet = (await ask(c.question, c.locale, conversationId)).map(visibleText).join('\n');
      expect(fromSheet).to.include(c.footer);
      const fromRetail = (await ask(c.retail.question, c.locale, conversationId)).map(visibleText).join('\n');
      expect(fromRetail).to.include(c.retail.footer);
    });
  }
});
