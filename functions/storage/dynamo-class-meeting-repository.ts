import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { AlreadyExistsError } from '../../domain/errors.js';
import type { Page, PageRequest, ClassMeetingRepository } from '../../domain/ports.js';
import type { ClassMeeting } from '../../domain/records/class-meeting.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { isConditionalCheckFailed } from './dynamo-errors.js';
import { keys, type Storage } from './table.js';

const meetingPrefix = keys.meeting('');

export class DynamoClassMeetingRepository implements ClassMeetingRepository {
  constructor(private readonly storage: Storage) {}

  async create(meeting: ClassMeeting): Promise<void> {
    try {
      await this.storage.classMeeting
        .build(PutItemCommand)
        .item({ ...meeting, attendees: [...meeting.attendees] })
        .options({ condition: { attr: 'pk', exists: false } })
        .send();
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        throw new AlreadyExistsError('class meeting', meeting.meetingId, ['meetingId'], { cause: error });
      }
      throw error;
    }
  }

  async get(tenantId: string, classId: string, meetingId: string): Promise<ClassMeeting | undefined> {
    const { Item } = await this.storage.classMeeting
      .build(GetItemCommand)
      .key({ tenantId, classId, meetingId })
      .options({ consistent: true })
      .send();
    return Item;
  }

  async list(tenantId: string, classId: string, page: PageRequest): Promise<Page<ClassMeeting>> {
    const partition = keys.class(tenantId, classId);
    const exclusiveStartKey = decodeCursor(page.cursor, { pk: partition, skPrefix: meetingPrefix });
    const { Items = [], LastEvaluatedKey } = await this.storage.table
      .build(QueryCommand)
      .entities(this.storage.classMeeting)
      .query({ partition, range: { beginsWith: meetingPrefix } })
      .options({ limit: page.limit, exclusiveStartKey, consistent: true })
      .send();
    const nextCursor = encodeCursor(LastEvaluatedKey);
    return nextCursor === undefined ? { items: Items } : { items: Items, nextCursor };
  }

  async listAll(tenantId: string, classId: string): Promise<ClassMeeting[]> {
    const meetings: ClassMeeting[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list(tenantId, classId, cursor === undefined ? { limit: 100 } : { limit: 100, cursor });
      meetings.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return meetings;
  }
}
